package org.vae4j.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.vae4j.InvalidSetting;
import org.vae4j.PathCheck;
import org.vae4j.UserError;
import org.vae4j.data.Binarization;
import org.vae4j.data.Dataset;
import org.vae4j.data.DatasetProvider;
import org.vae4j.data.FolderOptions;
import org.vae4j.eval.ClassifierCache;
import org.vae4j.model.DigitClassifier;
import org.vae4j.model.ModelFile;
import org.vae4j.model.Vae;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.GemmEngines;
import org.vae4j.nn.Parallel;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.MetricsFile;
import org.vae4j.train.RunConfig;
import org.vae4j.train.TrainingRun;

/**
 * The models of a run folder (one model.safetensors) or of an experiment folder (one subfolder per
 * model), opened for exploring: each with its dataset's images and the digit classifier of that dataset.
 * Only reads the folders: a training run may go on writing them (takes no run lock).
 */
public final class Explorer {
  /**
   * dataDir: the IDX files' folder (null: found as train finds them); engine: the GEMM engine's name, one
   * single-threaded instance per worker; workers: requests computed at once, per model; classifierCache:
   * where the digit classifier is cached (null: no classifier); waitMillis: how long a request waits for
   * a free worker before it is answered 503.
   */
  public record Options(Path dataDir, String engine, int workers, Path classifierCache, ExploredModel.Settings settings,
                        long waitMillis) {
    public static Options defaults(Path dataDir, String engine, int workers, Path classifierCache) {
      return new Options(dataDir, engine, workers, classifierCache, ExploredModel.Settings.DEFAULT, 10_000);
    }
  }

  private final Api api;
  private final List<String> models;

  Explorer(List<ExploredModel> models, String title) {
    this.api = new Api(models, title);
    this.models = models.stream().map(ExploredModel::id).toList();
  }

  /** The ids of the models, as the page lists them: their folders' names. */
  public List<String> models() {
    return models;
  }

  Api api() {
    return api;
  }

  /** Serves the page and the API until the server is closed. */
  public ExplorerServer serve(ExplorerServer.Settings settings, PrintStream log) throws IOException {
    return ExplorerServer.start(api, settings, log);
  }

  /** Where the digit classifier of a dataset comes from; null: none. */
  @FunctionalInterface
  interface ClassifierSource {
    DigitClassifier classifier(String name, Dataset data);
  }

  /**
   * Opens root, a run folder or an experiment folder, with the digit classifier of options' cache (trained
   * there once when missing); progress and notes go to log.
   */
  public static Explorer open(Path root, Options options, PrintStream log) {
    ClassifierSource cached = (name, data) -> cachedClassifier(name, data, options, log);
    return open(root, options, options.classifierCache() == null ? (name, data) -> null : cached, log);
  }

  static Explorer open(Path root, Options options, ClassifierSource source, PrintStream log) {
    List<Path> dirs = modelFolders(root);
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    Gemm first = GemmEngines.create(options.engine(), Parallel.SERIAL, log); // says once if it falls back
    Supplier<Gemm> engine = () -> GemmEngines.create(options.engine(), Parallel.SERIAL, quiet);
    Map<String, Dataset> datasets = new HashMap<>();
    Map<String, Classifiers> classifiers = new HashMap<>();
    List<ExploredModel> models = new ArrayList<>();
    for (Path dir : dirs) {
      long start = System.nanoTime();
      Path file = dir.resolve(TrainingRun.MODEL_FILE);
      ModelFile.Loaded loaded = ModelFile.load(file, first);
      Vae vae = loaded.vae();
      JsonNode config = loaded.config();
      String name = config.path("dataset").asText("mnist");
      FolderOptions folder = RunConfig.folder(file, config); // a folder of images: read as the run read it
      Path dataDir = options.dataDir() != null || folder == null ? options.dataDir()
          : Path.of(config.get("data").asText());
      Dataset data = datasets.computeIfAbsent(name, n -> DatasetProvider.load(n, dataDir, folder, log));
      if (!data.test().hasLabels()) {
        throw new UserError(file + ": the model was trained on images without labels, and the explorer colours "
            + "and neighbours by label");
      }
      if (data.test().rows() != vae.spec().rows() || data.test().cols() != vae.spec().cols()) {
        throw new UserError(file + ": the model takes " + vae.spec().rows() + "x" + vae.spec().cols() + " images, the "
            + name + " images are " + data.test().rows() + "x" + data.test().cols());
      }
      Classifiers classifier = classifiers.computeIfAbsent(name, n -> {
        DigitClassifier c = source.classifier(n, data);
        return c == null ? null : new Classifiers(c, options.workers(), engine, options.waitMillis());
      });
      String id = dirs.size() == 1 && dir.equals(root) ? folderName(root) : dir.getFileName().toString();
      models.add(new ExploredModel(id, vae, data.train(), binarization(config, file).testImages(data.test()),
          facts(vae, config, dir), classifier, options.settings(), engine, options.workers(), options.waitMillis()));
      log.printf(Locale.ROOT, "vae4j serve: opened %s (%s, d = %d) in %.1f s%n", id, vae.spec().kind(), vae.latent(),
          (System.nanoTime() - start) / 1e9);
    }
    return new Explorer(models, folderName(root));
  }

  /** root itself when it holds a model, else its subfolders that do, by name. */
  static List<Path> modelFolders(Path root) {
    String notAFolder = PathCheck.whyNotAFolder(root);
    if (notAFolder != null) {
      throw new UserError(root + ": " + notAFolder);
    }
    if (Files.isRegularFile(root.resolve(TrainingRun.MODEL_FILE))) {
      return List.of(root);
    }
    List<Path> dirs = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
      for (Path child : children) {
        if (Files.isRegularFile(child.resolve(TrainingRun.MODEL_FILE))) {
          dirs.add(child);
        }
      }
    } catch (IOException e) {
      throw new UserError(root + ": cannot list the folder: " + e.getMessage());
    }
    if (dirs.isEmpty()) {
      throw new UserError(root + ": no " + TrainingRun.MODEL_FILE + " there nor in its subfolders; give a run folder "
          + "(vae4j train --out) or an experiment folder (vae4j experiment --out)");
    }
    dirs.sort(null);
    return dirs;
  }

  private static String folderName(Path dir) {
    Path name = dir.toAbsolutePath().normalize().getFileName();
    return name == null ? dir.toString() : name.toString();
  }

  private static Binarization binarization(JsonNode config, Path file) {
    try {
      return Binarization.parse(config.path("binarize").asText(Binarization.NONE.value()));
    } catch (InvalidSetting e) {
      throw new UserError(file + ": config field 'binarize' " + e.problem());
    }
  }

  private static DigitClassifier cachedClassifier(String dataset, Dataset data, Options options, PrintStream log) {
    int threads = Runtime.getRuntime().availableProcessors();
    try (Parallel parallel = new Parallel(threads)) {
      Gemm gemm = GemmEngines.create(options.engine(), parallel, new PrintStream(OutputStream.nullOutputStream()));
      ClassifierCache.Entry entry = ClassifierCache.getOrTrain(options.classifierCache(), dataset, data.train(),
          data.test(), gemm, parallel, log);
      return entry.classifier();
    }
  }

  /** What the page says about a model: its kind and sizes, and its test numbers when metrics.json has them. */
  private static ObjectNode facts(Vae vae, JsonNode config, Path dir) {
    ObjectNode o = Fields.JSON.createObjectNode();
    o.put("kind", vae.spec().kind());
    o.put("description", vae.spec().modelKind().description());
    o.put("dataset", config.path("dataset").asText("mnist"));
    o.put("latent", vae.latent());
    o.put("classes", vae.classes());
    o.put("hidden", vae.spec().hidden());
    o.put("rows", vae.spec().rows());
    o.put("cols", vae.spec().cols());
    o.put("parameters", vae.architecture().parameterCount());
    Path metrics = dir.resolve(TrainingRun.METRICS_FILE);
    if (Files.isRegularFile(metrics)) {
      try {
        MetricsFile.Recorded recorded = MetricsFile.read(metrics);
        EpochMetrics last = recorded.last();
        o.put("epochs", last.epoch());
        if (Double.isFinite(last.testNelbo())) {
          o.put("testNelbo", Json.round(last.testNelbo()));
        }
        JsonNode nll = recorded.evaluation().path("log_likelihood").path("nll");
        if (nll.isNumber()) {
          o.put("testNll", Json.round(nll.asDouble()));
        }
      } catch (UserError | UncheckedIOException e) {
        o.put("metrics", "unreadable: " + Text.abbreviate(e.getMessage()));
      }
    }
    return o;
  }
}
