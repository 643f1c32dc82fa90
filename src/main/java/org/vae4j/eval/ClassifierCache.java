package org.vae4j.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.vae4j.AtomicFile;
import org.vae4j.UserError;
import org.vae4j.data.ImageSet;
import org.vae4j.data.Sha256;
import org.vae4j.data.UserCache;
import org.vae4j.model.ClassifierConfig;
import org.vae4j.model.ClassifierFile;
import org.vae4j.model.DigitClassifier;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;

/**
 * The digit classifier, trained once per training set and settings and then read from a cache folder.
 *
 * <p>Layout: {@code DIR/<dataset>-<first 16 hex of the key>.safetensors} (a {@link ClassifierFile} whose
 * config also holds the whole key, the data's checksums, the settings and the test accuracy) and beside it
 * {@code <that name>.sha256}, the file's SHA-256 in sha256sum's format. The key is the SHA-256 of the
 * training images and labels ({@link ImageSet#sha256()}), the architecture, the settings and the
 * training recipe, so other data or settings never reuse a classifier. A missing or corrupt entry, a
 * checksum that does not match or a key that differs logs one line and the classifier is trained again.
 * Both files are written atomically, the model first. The test accuracy is measured again on every load,
 * on the test set given, rather than read back from the file.
 */
public final class ClassifierCache {
  private ClassifierCache() {}

  /**
   * A classifier ready for use; testAccuracy is a fraction; file and its SHA-256 are null when it could not
   * be written; seconds is the time this call took (training, or reading and measuring); fromCache says which.
   */
  public record Entry(DigitClassifier classifier, double testAccuracy, Path file, String sha256, double seconds,
                      boolean fromCache) {}

  /** The classifier's folder in the {@link UserCache}. */
  public static Path defaultDir() {
    return UserCache.folder().resolve("classifier");
  }

  /** The classifier of {@link ClassifierTraining.Settings#DEFAULT}, from cacheDir or freshly trained. */
  public static Entry getOrTrain(Path cacheDir, String dataset, ImageSet train, ImageSet test, Gemm gemm,
                                 Parallel parallel, PrintStream log) {
    return getOrTrain(cacheDir, dataset, train, test, ClassifierTraining.Settings.DEFAULT, gemm, parallel, log);
  }

  /** dataset names the data in the file name and metadata only ("mnist"); the key comes from the content. */
  public static Entry getOrTrain(Path cacheDir, String dataset, ImageSet train, ImageSet test,
                                 ClassifierTraining.Settings settings, Gemm gemm, Parallel parallel,
                                 PrintStream log) {
    if (!dataset.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("dataset name must be a plain file name part, got '" + dataset + "'");
    }
    long start = System.nanoTime();
    String trainSha = train.sha256();
    String key = key(trainSha, train.pixels(), settings);
    Path file = cacheDir.resolve(dataset + "-" + key.substring(0, 16) + ".safetensors");
    Entry cached = read(file, key, test, settings.batch(), gemm, log, start);
    if (cached != null) {
      return cached;
    }
    log.printf(Locale.ROOT, "classifier: training %s on %d %s images (%d epochs, batch %d, shifts up to %d px)"
            + " with %s%n", architecture(train.pixels(), settings).describe(), train.count(), dataset,
        settings.epochs(), settings.batch(), settings.maxShift(), gemm.name());
    ClassifierTraining.Result trained = ClassifierTraining.train(train, test, settings, gemm, parallel);
    String sha256 = write(file, trained, dataset, key, trainSha, train, test, settings, gemm, log);
    log.printf(Locale.ROOT, "classifier: test accuracy %.2f%% after %.1f s; %s%n", 100 * trained.testAccuracy(),
        trained.seconds(), sha256 != null ? "wrote " + file : "not cached");
    return new Entry(trained.classifier(), trained.testAccuracy(), sha256 != null ? file : null, sha256,
        seconds(start), false);
  }

  /** SHA-256 (hex) of what determines the classifier: the training data, architecture, settings and recipe. */
  static String key(String trainSha, int pixels, ClassifierTraining.Settings settings) {
    String what = String.format(Locale.ROOT,
        "%s %s; recipe %s; train %s; epochs %d, batch %d, lr %s, max shift %d, seed %d", ClassifierFile.FORMAT,
        ClassifierFile.VERSION, ClassifierTraining.RECIPE, trainSha, settings.epochs(), settings.batch(),
        Double.toString(settings.learningRate()), settings.maxShift(), settings.seed());
    return Sha256.ofText(architecture(pixels, settings).describe() + "; " + what);
  }

  private static ClassifierConfig architecture(int pixels, ClassifierTraining.Settings settings) {
    return new ClassifierConfig(pixels, settings.hidden1(), settings.hidden2(), ClassifierTraining.CLASSES);
  }

  /** The cached classifier, or null after logging why there is none to use. */
  private static Entry read(Path file, String key, ImageSet test, int batch, Gemm gemm, PrintStream log,
                            long start) {
    if (!Files.exists(file)) {
      log.println("classifier: nothing cached at " + file);
      return null;
    }
    Path sumFile = checksumFile(file);
    if (!Files.isRegularFile(sumFile)) {
      log.println("classifier: " + file + ": no checksum file " + sumFile.getFileName() + "; training again");
      return null;
    }
    try {
      String expected = Files.readString(sumFile, StandardCharsets.UTF_8).split("\\s", 2)[0];
      String actual = Sha256.ofFile(file);
      if (!actual.equals(expected)) {
        log.println("classifier: " + file + ": SHA-256 " + actual + " differs from " + sumFile.getFileName()
            + "; training again");
        return null;
      }
      ClassifierFile.Loaded loaded = ClassifierFile.load(file, gemm);
      if (!key.equals(loaded.config().path("cache_key").asText())) {
        log.println("classifier: " + file + ": made for other data or settings; training again");
        return null;
      }
      double accuracy = ClassifierTraining.accuracy(loaded.classifier(), test, batch);
      log.printf(Locale.ROOT, "classifier: using %s (checksum verified): test accuracy %.2f%%%n", file,
          100 * accuracy);
      return new Entry(loaded.classifier(), accuracy, file, actual, seconds(start), true);
    } catch (IOException e) {
      log.println("classifier: " + file + ": cannot read: " + AtomicFile.reason(e) + "; training again");
    } catch (UserError e) {
      log.println("classifier: " + e.getMessage() + "; training again");
    }
    return null;
  }

  /** Writes the model, then its checksum; returns the checksum, or null after logging why it failed. */
  private static String write(Path file, ClassifierTraining.Result trained, String dataset, String key,
                            String trainSha, ImageSet train, ImageSet test, ClassifierTraining.Settings settings,
                            Gemm gemm, PrintStream log) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("rows", train.rows());
    extra.put("cols", train.cols());
    extra.put("dataset", dataset);
    extra.put("cache_key", key);
    extra.put("recipe", ClassifierTraining.RECIPE);
    extra.put("train_sha256", trainSha);
    extra.put("train_images", train.count());
    extra.put("test_sha256", test.sha256());
    extra.put("test_images", test.count());
    extra.put("test_accuracy", trained.testAccuracy());
    extra.put("epochs", settings.epochs());
    extra.put("batch", settings.batch());
    extra.put("lr", settings.learningRate());
    extra.put("max_shift", settings.maxShift());
    extra.put("seed", settings.seed());
    extra.put("engine", gemm.name());
    extra.put("training_seconds", trained.seconds());
    try {
      ClassifierFile.save(file, trained.classifier(), extra);
      String sha256 = Sha256.ofFile(file);
      AtomicFile.writeString(checksumFile(file), sha256 + "  " + file.getFileName() + "\n");
      return sha256;
    } catch (IOException e) {
      log.println("classifier: cannot cache in " + file + ": " + AtomicFile.reason(e));
    } catch (UserError e) {
      log.println("classifier: cannot cache: " + e.getMessage());
    }
    return null;
  }

  static Path checksumFile(Path file) {
    return file.resolveSibling(file.getFileName() + ".sha256");
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
