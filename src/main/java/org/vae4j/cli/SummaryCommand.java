package org.vae4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vae4j.UsageError;
import org.vae4j.model.ModelFile;
import org.vae4j.model.VaeConfig;
import org.vae4j.nn.ReferenceGemm;
import org.vae4j.train.TrainingRun;
import org.vae4j.viz.ArchitectureSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vae4j summary: the layers, output shapes and parameter counts, like Keras' model.summary(). */
@Command(name = "summary", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Print the model's layers, output shapes and parameter counts, of a saved model or of given sizes.")
final class SummaryCommand implements Callable<Integer> {
  @Option(names = "--model", paramLabel = "DIR", description = "Run folder holding model.safetensors")
  Path model;

  @Option(names = "--latent", description = "Latent dimensions d (default: 20)")
  Integer latent;

  @Option(names = "--hidden", description = "Hidden units H (default: 512)")
  Integer hidden;

  @Option(names = "--input", description = "Pixels per image P (default: 784, 28x28)")
  Integer input;

  @Mixin
  VerboseOption verbose;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    VaeConfig config;
    String image;
    if (model != null) {
      if (latent != null || hidden != null || input != null) {
        throw new UsageError("--model takes the sizes from the model file: drop --latent, --hidden and --input");
      }
      // ReferenceGemm: nothing is multiplied here, and it needs no native library.
      ModelFile.Loaded loaded = ModelFile.load(model.resolve(TrainingRun.MODEL_FILE), new ReferenceGemm());
      config = loaded.vae().config();
      image = loaded.config().has("rows")
          ? loaded.config().path("rows").asInt() + "x" + loaded.config().path("cols").asInt() + " "
              + loaded.config().path("dataset").asText("")
          : "";
    } else {
      config = new VaeConfig(input == null ? 784 : input, hidden == null ? 512 : hidden, latent == null ? 20 : latent);
      image = input == null ? "28x28 images" : "";
    }
    spec.commandLine().getOut().print(ArchitectureSummary.text(config, image.strip()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
