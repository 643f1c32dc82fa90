package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.vae4j.Durations;
import org.vae4j.PathCheck;
import org.vae4j.UsageError;
import org.vae4j.UserError;
import org.vae4j.data.Binarization;
import org.vae4j.data.Dataset;
import org.vae4j.data.DatasetProvider;
import org.vae4j.data.ImageSet;
import org.vae4j.nn.CountingGemm;
import org.vae4j.nn.GemmEngines;
import org.vae4j.nn.GemmShape;
import org.vae4j.nn.Parallel;
import org.vae4j.train.CheckpointFile;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.PlainProgress;
import org.vae4j.train.Progress;
import org.vae4j.train.RunConfig;
import org.vae4j.train.TerminalProgress;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * vae4j train: trains a VAE and writes model.safetensors, metrics.json and checkpoint.safetensors into the
 * out folder after every epoch; --resume continues a run from its checkpoint, exactly, to its own epoch
 * count or to a higher --epochs.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train a VAE (by default the MLP VAE of the lab reports) and save the model and its metrics.")
final class TrainCommand implements Callable<Integer> {
  @Mixin
  DatasetOptions source;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/<dataset>-d<latent>-<time>)")
  Path out;

  @Option(names = "--epochs", defaultValue = "50", description = "Passes over the training set (default: ${DEFAULT-VALUE})")
  int epochs;

  @Mixin
  HyperparameterOptions hyper;

  @Mixin
  ModelOptions model;

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
      description = "Continue the run in DIR from its last checkpoint, with its options; a higher --epochs "
          + "trains a finished run further")
  Path resume;

  @Option(names = "--force", description = "Train into an out folder that already holds a model, replacing it")
  boolean force;

  @Mixin
  VerboseOption verbose;

  @Spec
  CommandSpec spec;

  /** An option a run stores, and its value in a stored configuration. */
  private record Stored(String option, Function<RunConfig, Object> value) {}

  /** The options a checkpoint stores; given with --resume they must agree (--epochs may grow). */
  private static final List<Stored> STORED = List.of(
      new Stored("--dataset", RunConfig::dataset),
      new Stored("--image-size", c -> c.folder() == null ? null : c.folder().size()),
      new Stored("--test-fraction", c -> c.folder() == null ? null : c.folder().testFraction()),
      new Stored("--batch", c -> c.options().batch()),
      new Stored("--lr", c -> c.options().learningRate()),
      new Stored("--model", c -> c.model().kind()),
      new Stored("--latent", c -> c.model().latent()),
      new Stored("--hidden", c -> c.model().hidden()),
      new Stored("--channels", c -> c.model().channels()),
      new Stored("--objective", c -> c.objective().name()),
      new Stored("--beta", c -> c.objective().beta()),
      new Stored("--kl-warmup", c -> c.objective().klWarmup()),
      new Stored("--k", c -> c.objective().k()),
      new Stored("--seed", c -> c.options().seed()),
      new Stored("--engine", RunConfig::engine),
      new Stored("--threads", RunConfig::threads),
      new Stored("--train-images", RunConfig::trainImages),
      new Stored("--test-images", RunConfig::testImages),
      new Stored("--clip", c -> c.options().clip()),
      new Stored("--binarize", c -> c.options().binarization().value()));

  private long start;

  @Override
  public Integer call() {
    start = System.nanoTime();
    PrintStream log = System.err;
    if (resume != null) {
      return resume(log);
    }
    TrainOptions options = new TrainOptions(epochs, hyper.batch, hyper.learningRate, seed, clip,
        Binarization.parse(binarize));
    ModelChoice choice = model.choice();
    Path outDir = out != null ? out : defaultOut();
    int threads = OptionChecks.requireThreads(engine.threads);
    GemmEngines.requireKnown(engine.engine);
    boolean locked = Files.isDirectory(outDir);
    if (locked) { // a run going on there is refused before anything else
      RunLock.acquire(outDir);
    }
    Dataset data = source.load(log);
    ImageSet train = limit(data.train(), trainImages, "--train-images");
    ImageSet test = limit(data.test(), testImages, "--test-images");
    RunConfig planned = new RunConfig(data.name(), source.dir, data.folder(), choice.spec(train),
        choice.objective(), options, threads, engine.engine, train.count(), test.count(),
        System.getProperty("java.version"));
    TrainingRun.checkFits(planned);
    prepareOutDir(outDir);
    if (!locked) {
      RunLock.acquire(outDir);
    }
    if (TrainingRun.holdsRun(outDir) && !force) {
      throw new UsageError("--out " + outDir + " already holds a model; pass --resume " + outDir
          + " to continue that run, --force to replace it, or another --out");
    }
    Parallel parallel = engine.parallel();
    CountingGemm gemm = new CountingGemm(engine.create(parallel, log, products(planned)));
    RunConfig config = new RunConfig(planned.dataset(), planned.data(), planned.folder(), planned.model(),
        planned.objective(), options, parallel.threads(), gemm.name(), train.count(), test.count(), planned.java());
    return train(outDir, config, train, test, gemm, parallel, log, null);
  }

  /** Continues the run in --resume from its checkpoint, with its own options. */
  private int resume(PrintStream log) {
    ParseResult parsed = spec.commandLine().getParseResult();
    if (parsed.hasMatchedOption("--force")) {
      throw new UsageError("--force and --resume do not go together: --resume continues the run in "
          + resume + ", --force starts a new one");
    }
    if (out != null && !out.toAbsolutePath().normalize().equals(resume.toAbsolutePath().normalize())) {
      throw new UsageError("--out " + out + " conflicts with --resume " + resume + ": a resumed run writes into "
          + "its own folder");
    }
    PathCheck.requireFile(resume.resolve(TrainingRun.CHECKPOINT_FILE), "--resume " + resume + ": no "
        + TrainingRun.CHECKPOINT_FILE + " there (one is written after every epoch; a run stopped in its first epoch "
        + "has none, so start it again)");
    CheckpointFile.Checkpoint checkpoint = TrainingRun.checkpoint(resume);
    RunLock.acquire(resume);
    TrainingRun.removeStaleTemporaryFiles(resume);
    RunConfig stored = checkpoint.config();
    for (Stored o : STORED) {
      if (parsed.hasMatchedOption(o.option())) {
        Object given = spec.findOption(o.option()).getValue();
        Object value = o.value().apply(stored);
        boolean same = given instanceof Number g && value instanceof Number v
            ? g.doubleValue() == v.doubleValue() : String.valueOf(given).equals(String.valueOf(value));
        if (!same) {
          throw new UsageError(o.option() + " " + given + " conflicts with the run in " + resume + ", which has "
              + o.option() + " " + value + "; leave it out to resume with the run's own options");
        }
      }
    }
    int done = checkpoint.state().epoch();
    int target = parsed.hasMatchedOption("--epochs") ? epochs : stored.options().epochs();
    if (target < done) {
      throw new UsageError("--epochs " + target + ": the run in " + resume + " already holds " + done + " epochs");
    }
    if (done == target) {
      spec.commandLine().getOut().printf(Locale.ROOT, "nothing to do: %s already holds all %d epochs%n", resume,
          target);
      spec.commandLine().getOut().flush();
      return 0;
    }
    RunConfig config = stored.withEpochs(target);
    Dataset data = DatasetProvider.load(config.dataset(), source.dir != null ? source.dir : config.data(),
        config.folder(), log);
    ImageSet train = limit(data.train(), config.trainImages(), "--train-images");
    ImageSet test = limit(data.test(), config.testImages(), "--test-images");
    Parallel parallel = engine.parallel(config.threads());
    CountingGemm gemm = new CountingGemm(engine.create(config.engine(), parallel, log, products(config)));
    return train(resume, config, train, test, gemm, parallel, log, checkpoint);
  }

  private int train(Path outDir, RunConfig config, ImageSet train, ImageSet test, CountingGemm gemm,
                    Parallel parallel, PrintStream log, CheckpointFile.Checkpoint checkpoint) {
    TrainingRun.Result result = TrainingRun.run(outDir, config, train, test, gemm, parallel, progress(), log,
        checkpoint);
    EpochMetrics last = result.last();
    System.out.printf(Locale.ROOT, "done in %s: test -ELBO %.2f nats (recon %.2f + KL %.2f); wrote %s and %s%n",
        Durations.format(result.seconds()), last.testNelbo(), last.testRecon(), last.testKl(),
        outDir.resolve(TrainingRun.MODEL_FILE), outDir.resolve(TrainingRun.METRICS_FILE));
    System.out.println(ProductSummary.line(gemm, (System.nanoTime() - start) / 1e9));
    return 0;
  }

  /** The matrix products of the run's training step, which --engine auto times. */
  static List<GemmShape> products(RunConfig config) {
    return config.model().architecture().trainingProducts(config.options().batch(), config.objective().k());
  }

  /** A live bar on a terminal, one line per epoch in a log. */
  static Progress progress() {
    return Terminal.isInteractive() ? new TerminalProgress(System.out) : new PlainProgress(System.out);
  }

  /** Creates --out, or says in one line why it cannot. */
  static void prepareOutDir(Path dir) {
    try {
      TrainingRun.prepareOutDir(dir);
    } catch (UserError e) {
      throw new UserError("--out " + e.getMessage());
    }
  }

  private Path defaultOut() {
    String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Path.of("runs", source.datasetName() + "-d" + model.latent + "-" + time);
  }

  static ImageSet limit(ImageSet images, Integer n, String option) {
    if (n == null) {
      return images;
    }
    return images.first(Math.min(OptionChecks.requirePositive(option, n), images.count()));
  }
}
