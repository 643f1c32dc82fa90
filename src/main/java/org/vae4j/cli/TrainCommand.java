package org.vae4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.vae4j.Durations;
import org.vae4j.PathCheck;
import org.vae4j.UsageError;
import org.vae4j.UserError;
import org.vae4j.data.Binarization;
import org.vae4j.data.Dataset;
import org.vae4j.data.ImageSet;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.train.CheckpointFile;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.PlainProgress;
import org.vae4j.train.Progress;
import org.vae4j.train.TerminalProgress;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * vae4j train: trains a VAE and writes model.safetensors, metrics.json and checkpoint.safetensors into the
 * out folder after every epoch; --resume continues a run from its checkpoint, exactly.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train the MLP VAE of the lab reports and save the model and its metrics.")
final class TrainCommand implements Callable<Integer> {
  static final String MODEL_FILE = TrainingRun.MODEL_FILE;
  static final String METRICS_FILE = TrainingRun.METRICS_FILE;
  static final String CHECKPOINT_FILE = TrainingRun.CHECKPOINT_FILE;

  @Mixin
  DatasetOptions source;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/<dataset>-d<latent>-<time>)")
  Path out;

  @Option(names = "--epochs", defaultValue = "50", description = "Passes over the training set (default: ${DEFAULT-VALUE})")
  int epochs;

  @Mixin
  HyperparameterOptions hyper;

  @Option(names = "--latent", defaultValue = "20", description = "Latent dimensions d (default: ${DEFAULT-VALUE})")
  int latent;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of initialization, shuffling and eps (default: ${DEFAULT-VALUE})")
  long seed;

  @Mixin
  EngineOptions engine;

  @Option(names = "--train-images", paramLabel = "N", description = "Train on the first N training images only (default: all)")
  Integer trainImages;

  @Option(names = "--test-images", paramLabel = "N", description = "Evaluate on the first N test images only (default: all)")
  Integer testImages;

  @Option(names = "--clip", paramLabel = "NORM", defaultValue = "0",
      description = "Scale each batch's gradient down to this global L2 norm when above it (default: no clipping)")
  double clip;

  @Option(names = "--binarize", paramLabel = "MODE", defaultValue = "none",
      description = "none: grey pixels x/255 (default); dynamic: each training image binarized anew every time "
          + "it is drawn; static: one fixed binary draw. Tested on one fixed binary draw unless none")
  String binarize;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Continue the run in DIR from its last checkpoint, with its options")
  Path resume;

  @Option(names = "--force", description = "Train into an out folder that already holds a model, replacing it")
  boolean force;

  @Mixin
  VerboseOption verbose;

  @Spec
  CommandSpec spec;

  /** The options a checkpoint stores, by option name and key; given with --resume they must agree. */
  private static final Map<String, String> STORED = orderedMap(
      "--dataset", "dataset", "--epochs", "epochs", "--batch", "batch", "--lr", "lr", "--latent", "latent",
      "--hidden", "hidden", "--seed", "seed", "--engine", "engine", "--threads", "threads",
      "--train-images", "train_images", "--test-images", "test_images", "--clip", "clip", "--binarize", "binarize");
  /** Options added after the first checkpoints were written, with the value those runs had. */
  private static final Map<String, String> STORED_DEFAULTS = Map.of("binarize", Binarization.NONE.value());

  @Override
  public Integer call() {
    CheckpointFile.Checkpoint checkpoint = null;
    Path outDir;
    if (resume != null) {
      if (spec.commandLine().getParseResult().hasMatchedOption("--force")) {
        throw new UsageError("--force and --resume do not go together: --resume continues the run in "
            + resume + ", --force starts a new one");
      }
      checkpoint = loadCheckpoint(resume);
      RunLock.acquire(resume);
      removeStaleTemporaryFiles(resume);
      adoptStoredOptions(checkpoint.options());
      if (checkpoint.state().epoch() >= epochs) {
        spec.commandLine().getOut().printf(Locale.ROOT, "nothing to do: %s already holds all %d epochs%n",
            resume, epochs);
        spec.commandLine().getOut().flush();
        return 0;
      }
      outDir = resume;
    } else {
      outDir = out != null ? out : defaultOut();
    }
    TrainingRun.Spec runSpec = new TrainingRun.Spec(source.name, source.dir, hyper.hidden, latent,
        new TrainOptions(epochs, hyper.batch, hyper.learningRate, seed, clip,
            Binarization.parse("--binarize", binarize)));
    if (checkpoint == null) {
      TrainingRun.prepareOutDir(outDir);
      RunLock.acquire(outDir);
      TrainingRun.refuseToOverwrite(outDir, force);
    }
    PrintStream log = System.err;

    Dataset data = source.load(log);
    ImageSet train = limit(data.train(), trainImages, "--train-images");
    ImageSet test = limit(data.test(), testImages, "--test-images");
    if (checkpoint != null) {
      checkData(checkpoint, train, test);
    }
    Parallel parallel = engine.parallel();
    Gemm gemm = engine.create(parallel, log);
    TrainingRun.Result result = TrainingRun.run(outDir, runSpec, train, test, gemm, parallel, progress(), log,
        checkpoint);
    EpochMetrics last = result.last();
    System.out.printf(Locale.ROOT, "done in %s: test -ELBO %.2f nats (recon %.2f + KL %.2f); wrote %s and %s%n",
        Durations.format(result.seconds()), last.testNelbo(), last.testRecon(), last.testKl(),
        outDir.resolve(MODEL_FILE), outDir.resolve(METRICS_FILE));
    return 0;
  }

  /** A live bar on a terminal, one line per epoch in a log. */
  static Progress progress() {
    return Terminal.isInteractive() ? new TerminalProgress(System.out) : new PlainProgress(System.out);
  }

  private static Path checkpointFile(Path dir) {
    return dir.resolve(CHECKPOINT_FILE);
  }

  private static CheckpointFile.Checkpoint loadCheckpoint(Path dir) {
    Path file = checkpointFile(dir);
    PathCheck.requireFile(file, "--resume " + dir + ": no " + CHECKPOINT_FILE + " there (one is written after "
        + "every epoch; a run stopped in its first epoch has none, so start it again)");
    return CheckpointFile.load(file);
  }

  /**
   * Takes the run's options from its checkpoint. An option also given on the command line must agree:
   * a resumed run with other options would not be the run that was interrupted.
   */
  private void adoptStoredOptions(JsonNode stored) {
    Path file = checkpointFile(resume);
    ParseResult parsed = spec.commandLine().getParseResult();
    for (Map.Entry<String, String> o : STORED.entrySet()) {
      JsonNode value = stored.has(o.getValue()) || !STORED_DEFAULTS.containsKey(o.getValue())
          ? stored.get(o.getValue()) : TextNode.valueOf(STORED_DEFAULTS.get(o.getValue()));
      if (value == null || value.isNull()) {
        throw new UserError(file + ": the stored options lack " + o.getValue());
      }
      OptionSpec option = spec.findOption(o.getKey());
      if (parsed.hasMatchedOption(o.getKey())) {
        Object given = option.getValue();
        boolean same = given instanceof Number && value.isNumber()
            ? ((Number) given).doubleValue() == value.asDouble()
            : String.valueOf(given).equals(value.asText());
        if (!same) {
          throw new UsageError(o.getKey() + " " + given + " conflicts with the run in " + resume + ", which has "
              + o.getKey() + " " + value.asText() + "; leave it out to resume with the run's own options");
        }
      }
      Class<?> type = option.type();
      if (type == int.class || type == Integer.class) {
        if (!value.canConvertToInt()) {
          throw new UserError(file + ": stored " + o.getValue() + " is not an integer");
        }
        option.setValue(value.asInt());
      } else if (type == long.class) {
        option.setValue(value.asLong());
      } else if (type == double.class) {
        option.setValue(value.asDouble());
      } else {
        option.setValue(value.asText());
      }
    }
    if (out != null && !out.toAbsolutePath().normalize().equals(resume.toAbsolutePath().normalize())) {
      throw new UsageError("--out " + out + " conflicts with --resume " + resume + ": a resumed run writes into "
          + "its own folder");
    }
    if (source.dir == null && stored.path("data").isTextual()) {
      source.dir = Path.of(stored.get("data").asText());
    }
  }

  /** The data must be the data the run was trained on, at least in its sizes. */
  private void checkData(CheckpointFile.Checkpoint checkpoint, ImageSet train, ImageSet test) {
    JsonNode stored = checkpoint.options();
    Path file = checkpointFile(resume);
    if (stored.path("input").asInt() != train.pixels()) {
      throw new UserError(file + ": the model takes images of " + stored.path("input").asInt() + " pixels ("
          + stored.path("rows").asInt() + "x" + stored.path("cols").asInt() + "), but the " + source.name
          + " data has " + train.rows() + "x" + train.cols());
    }
    if (train.count() != stored.path("train_images").asInt() || test.count() != stored.path("test_images").asInt()
        || checkpoint.state().order().length != train.count()) {
      throw new UserError(file + ": the run used " + stored.path("train_images").asInt() + " training and "
          + stored.path("test_images").asInt() + " test images, but " + train.count() + " and " + test.count()
          + " are available");
    }
  }

  /** A killed run may leave the temporary file of an atomic write behind (".model.safetensors.PID.N.tmp"). */
  private static void removeStaleTemporaryFiles(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        boolean ours = List.of(MODEL_FILE, METRICS_FILE, CHECKPOINT_FILE).stream()
            .anyMatch(n -> name.startsWith("." + n + "."));
        if (ours && name.endsWith(".tmp")) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException e) {
      // Harmless leftovers: the run itself does not need them gone.
    }
  }

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private Path defaultOut() {
    String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Path.of("runs", source.name + "-d" + latent + "-" + time);
  }

  static ImageSet limit(ImageSet images, Integer n, String option) {
    if (n == null) {
      return images;
    }
    return images.first(Math.min(OptionChecks.requirePositive(option, n), images.count()));
  }
}
