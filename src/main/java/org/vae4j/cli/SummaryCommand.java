package org.vae4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vae4j.UsageError;
import org.vae4j.model.Architecture;
import org.vae4j.model.MlpVae;
import org.vae4j.model.ModelFile;
import org.vae4j.model.ObjectiveSpec;
import org.vae4j.nn.ReferenceGemm;
import org.vae4j.train.TrainingRun;
import org.vae4j.viz.ArchitectureSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vae4j summary: the layers, output shapes and parameter counts, like Keras' model.summary(). */
@Command(name = "summary", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Print the model's layers, output shapes, parameter counts and FLOPs, of a saved model or of "
        + "given sizes.")
final class SummaryCommand implements Callable<Integer> {
  @Option(names = "--model", paramLabel = "DIR", description = "Run folder holding model.safetensors")
  Path model;

  @Option(names = "--kind", paramLabel = "KIND", description = "The model's kind: mlp, cvae or conv (default: mlp)")
  String kind;

  @Option(names = "--latent", description = "Latent dimensions d (default: 20)")
  Integer latent;

  @Option(names = "--hidden", description = "Hidden units H (default: the kind's, 512 for the MLPs, 16 for conv)")
  Integer hidden;

  @Option(names = "--channels", split = ",", paramLabel = "C1,C2", description = "Channels of the conv model's "
      + "convolutions (default: 32,64)")
  List<Integer> channels;

  @Option(names = "--rows", description = "Image rows (default: 28)")
  Integer rows;

  @Option(names = "--cols", description = "Image columns (default: 28)")
  Integer cols;

  @Mixin
  VerboseOption verbose;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Architecture architecture;
    String image;
    if (model != null) {
      if (kind != null || latent != null || hidden != null || channels != null || rows != null || cols != null) {
        throw new UsageError("--model takes the kind and sizes from the model file: drop --kind, --latent, "
            + "--hidden, --channels, --rows and --cols");
      }
      // ReferenceGemm: nothing is multiplied here, and it needs no native library.
      ModelFile.Loaded loaded = ModelFile.load(model.resolve(TrainingRun.MODEL_FILE), new ReferenceGemm());
      architecture = loaded.vae().architecture();
      image = architecture.spec().rows() + "x" + architecture.spec().cols() + " "
          + loaded.config().path("dataset").asText("");
    } else {
      ModelChoice choice = new ModelChoice(kind == null ? MlpVae.NAME : kind, latent == null ? 20 : latent, hidden,
          channels, ObjectiveSpec.NELBO);
      architecture = choice.spec(rows == null ? 28 : rows, cols == null ? 28 : cols, 10).architecture();
      image = architecture.spec().rows() + "x" + architecture.spec().cols() + " images";
    }
    spec.commandLine().getOut().print(ArchitectureSummary.text(architecture, image.strip()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
