package org.vae4j.cli;

import java.util.List;
import org.vae4j.model.MlpVae;
import org.vae4j.model.ModelKinds;
import org.vae4j.model.ObjectiveSpec;
import picocli.CommandLine.Option;

/** The model and its objective: --model, --latent, --hidden, --channels, --objective, --beta, --kl-warmup, --k. */
final class ModelOptions {
  @Option(names = "--model", defaultValue = MlpVae.NAME, paramLabel = "KIND",
      description = "The model's kind: mlp (the lab reports' VAE), cvae (conditioned on the label) or conv (the Keras "
          + "example's convolutional VAE) (default: ${DEFAULT-VALUE})")
  String kind;

  @Option(names = "--latent", defaultValue = "20", description = "Latent dimensions d (default: ${DEFAULT-VALUE})")
  int latent;

  @Option(names = "--hidden", paramLabel = "H", description = "Hidden units (default: the kind's, 512 for the MLPs, "
      + "16 for conv)")
  Integer hidden;

  @Option(names = "--channels", split = ",", paramLabel = "C1,C2", description = "Channels of the conv model's "
      + "convolutions, one stride-2 layer each (default: 32,64)")
  List<Integer> channels;

  @Option(names = "--objective", defaultValue = ObjectiveSpec.ELBO, paramLabel = "elbo|iwae",
      description = "What training minimizes: elbo, the negative ELBO with the KL weighted by --beta; or iwae, "
          + "the importance-weighted bound with --k samples (default: ${DEFAULT-VALUE})")
  String objective;

  @Option(names = "--beta", defaultValue = "1", paramLabel = "B",
      description = "Weight of the KL term (elbo): 1 is the ELBO, above 1 a beta-VAE (default: ${DEFAULT-VALUE})")
  double beta;

  @Option(names = "--kl-warmup", defaultValue = "0", paramLabel = "E",
      description = "Grow the KL weight linearly from 0 to --beta over the first E epochs (default: none)")
  int klWarmup;

  @Option(names = "--k", paramLabel = "K", description = "Samples per image of the iwae objective (default: "
      + ModelChoice.DEFAULT_K + ")")
  Integer k;

  ModelChoice choice() {
    ModelKinds.named(kind);
    return new ModelChoice(kind, latent, hidden, channels, ModelChoice.objective(objective, beta, klWarmup, k));
  }
}
