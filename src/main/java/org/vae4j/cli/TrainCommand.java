package org.vae4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.databind.JsonNode;
import org.vae4j.AtomicFile;
import org.vae4j.UsageError;
import org.vae4j.UserError;
import org.vae4j.data.Dataset;
import org.vae4j.data.DatasetProvider;
import org.vae4j.data.ImageSet;
import org.vae4j.model.ModelFile;
import org.vae4j.model.Vae;
import org.vae4j.model.VaeConfig;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Rng;
import org.vae4j.train.CheckpointFile;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.MetricsFile;
import org.vae4j.train.PlainProgress;
import org.vae4j.train.Progress;
import org.vae4j.train.TerminalProgress;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.Trainer;
import org.vae4j.train.TrainingDiverged;
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
  static final String MODEL_FILE = "model.safetensors";
  static final String METRICS_FILE = "metrics.json";
  static final String CHECKPOINT_FILE = "checkpoint.safetensors";

  @Option(names = "--dataset", defaultValue = "mnist", description = "mnist or fashion-mnist (default: ${DEFAULT-VALUE})")
  String dataset;

  @Option(names = "--data", paramLabel = "DIR", description = "Folder holding the four IDX files (.gz or raw); "
      + "otherwise $VAE4J_DATA, the user cache, the Debian package folder, a download")
  Path dataDir;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/<dataset>-d<latent>-<time>)")
  Path out;

  @Option(names = "--epochs", defaultValue = "50", description = "Passes over the training set (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--batch", defaultValue = "128", description = "Images per batch (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--lr", defaultValue = "1e-3", description = "Adam's learning rate (default: ${DEFAULT-VALUE})")
  double learningRate;

  @Option(names = "--latent", defaultValue = "20", description = "Latent dimensions d (default: ${DEFAULT-VALUE})")
  int latent;

  @Option(names = "--hidden", defaultValue = "512", description = "Hidden units H (default: ${DEFAULT-VALUE})")
  int hidden;

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
      "--train-images", "train_images", "--test-images", "test_images", "--clip", "clip");

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
    TrainOptions options = new TrainOptions(epochs, batch, learningRate, seed, clip);
    VaeConfig.checkSizes(hidden, latent);
    if (checkpoint == null) {
      prepareOutDir(outDir, force);
    }
    PrintStream log = System.err;

    Dataset data = DatasetProvider.load(dataset, dataDir, log);
    ImageSet train = limit(data.train(), trainImages, "--train-images");
    ImageSet test = limit(data.test(), testImages, "--test-images");
    Parallel parallel = engine.parallel();
    Gemm gemm = engine.create(parallel, log);
    Rng rng = new Rng(seed);
    VaeConfig shape = new VaeConfig(train.pixels(), hidden, latent);
    if (checkpoint != null) {
      checkData(checkpoint, train, test);
      checkpoint.checkFits(checkpointFile(outDir), shape);
    }
    Vae vae = new Vae(shape, gemm, parallel);
    vae.init(rng);

    Map<String, Object> config = new LinkedHashMap<>();
    config.put("dataset", dataset);
    config.put("rows", train.rows());
    config.put("cols", train.cols());
    config.put("input", train.pixels());
    config.put("hidden", hidden);
    config.put("latent", latent);
    config.put("epochs", epochs);
    config.put("batch", batch);
    config.put("lr", learningRate);
    config.put("seed", seed);
    config.put("clip", clip);
    config.put("threads", engine.threads);
    config.put("engine", gemm.name());
    config.put("train_images", train.count());
    config.put("test_images", test.count());
    config.put("data", dataDir == null ? null : dataDir.toAbsolutePath().toString());
    config.put("java", System.getProperty("java.version"));
    MetricsFile metrics = new MetricsFile(outDir.resolve(METRICS_FILE), config,
        checkpoint == null ? List.of() : checkpoint.metrics());
    Map<String, Object> modelConfig = new LinkedHashMap<>(config);
    modelConfig.keySet().retainAll(List.of("dataset", "rows", "cols", "epochs", "batch", "lr", "seed"));

    Trainer trainer = new Trainer(vae, options, rng, progress());
    if (checkpoint != null) {
      System.arraycopy(checkpoint.params(), 0, vae.parameters().values(), 0, checkpoint.params().length);
      trainer.resume(checkpoint.state());
    }
    log.printf(Locale.ROOT, "vae4j: %s a %d-%d-%d VAE on %s (%d train / %d test images): epochs %d, "
            + "batch %d, Adam lr %s%s, engine %s, %d threads -> %s%n",
        checkpoint == null ? "training" : "resuming after epoch " + checkpoint.state().epoch() + ",",
        train.pixels(), hidden, latent, dataset, train.count(), test.count(), epochs, batch, learningRate,
        clip > 0 ? ", clip " + clip : "", gemm.name(), engine.threads, outDir);
    long start = System.nanoTime();
    EpochMetrics last;
    try {
      // Model, then checkpoint, then metrics: when a write fails (a full disk), the files already written
      // are never ahead of the checkpoint by more than the model of an epoch that a resume redoes exactly.
      last = trainer.train(train, test, (m, state) -> {
        List<EpochMetrics> upToNow = new ArrayList<>(metrics.epochs());
        upToNow.add(m);
        ModelFile.save(outDir.resolve(MODEL_FILE), vae, modelConfig);
        CheckpointFile.save(checkpointFile(outDir), vae, state, config, upToNow);
        metrics.add(m);
      });
    } catch (TrainingDiverged e) {
      int kept = e.epoch() - 1;
      throw new UserError(e.getMessage() + (kept >= 1
          ? "; kept the last good checkpoint (epoch " + kept + ") and model in " + outDir
          : "; no epoch completed, so nothing was saved"), e);
    }
    double minutes = (System.nanoTime() - start) / 60e9;
    System.out.printf(Locale.ROOT, "done in %.1f min: test -ELBO %.2f nats (recon %.2f + KL %.2f); wrote %s and %s%n",
        minutes, last.testNelbo(), last.testRecon(), last.testKl(),
        outDir.resolve(MODEL_FILE), outDir.resolve(METRICS_FILE));
    return 0;
  }

  private static Progress progress() {
    return Terminal.isInteractive() ? new TerminalProgress(System.out) : new PlainProgress(System.out);
  }

  static Path checkpointFile(Path dir) {
    return dir.resolve(CHECKPOINT_FILE);
  }

  private static CheckpointFile.Checkpoint loadCheckpoint(Path dir) {
    Path file = checkpointFile(dir);
    if (!Files.isRegularFile(file)) {
      throw new UserError("--resume " + dir + ": no " + CHECKPOINT_FILE + " there (one is written after every "
          + "epoch; a run stopped in its first epoch has none, so start it again)");
    }
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
      JsonNode value = stored.get(o.getValue());
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
    if (dataDir == null && stored.path("data").isTextual()) {
      dataDir = Path.of(stored.get("data").asText());
    }
  }

  /** The data must be the data the run was trained on, at least in its sizes. */
  private void checkData(CheckpointFile.Checkpoint checkpoint, ImageSet train, ImageSet test) {
    JsonNode stored = checkpoint.options();
    Path file = checkpointFile(resume);
    if (stored.path("input").asInt() != train.pixels()) {
      throw new UserError(file + ": the model takes images of " + stored.path("input").asInt() + " pixels ("
          + stored.path("rows").asInt() + "x" + stored.path("cols").asInt() + "), but the " + dataset
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
    return Path.of("runs", dataset + "-d" + latent + "-" + time);
  }

  /**
   * Fails before training, not after an hour of it, when the folder cannot be written, and refuses to
   * overwrite an earlier run's model unless --force says so. Even then the earlier files stay until the
   * new run's first epoch replaces them (model and checkpoint together), so a new run that fails early
   * loses nothing.
   */
  private static void prepareOutDir(Path dir, boolean force) {
    boolean holdsRun = Files.exists(dir.resolve(MODEL_FILE)) || Files.exists(checkpointFile(dir));
    if (holdsRun && !force) {
      throw new UsageError("--out " + dir + " already holds a model; pass --resume " + dir
          + " to continue that run, --force to replace it, or another --out");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UserError("--out " + dir + ": cannot create the folder: " + AtomicFile.reason(e));
    }
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new UserError("--out " + dir + ": the folder is not writable");
    }
  }
  private static ImageSet limit(ImageSet images, Integer n, String option) {
    if (n == null) {
      return images;
    }
    return images.first(Math.min(OptionChecks.requirePositive(option, n), images.count()));
  }
}
