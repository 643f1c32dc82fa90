package org.vae4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.Dataset;
import org.vae4j.data.ImageSet;
import org.vae4j.model.DigitClassifier;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.ReferenceGemm;
import org.vae4j.nn.SafeTensors;

class ClassifierCacheTest {
  private static final ClassifierTraining.Settings TINY = ClassifierTrainingTest.TINY;

  @TempDir
  Path dir;
  private final Gemm gemm = new ReferenceGemm();
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

  private ClassifierCache.Entry getOrTrain(Path cache, Dataset data) {
    return ClassifierCache.getOrTrain(cache, "synthetic", data.train(), data.test(), TINY, gemm, Parallel.SERIAL,
        log);
  }

  /** The log since the last call, line by line. */
  private List<String> takeLog() {
    List<String> lines = logBytes.toString(StandardCharsets.UTF_8).lines().toList();
    logBytes.reset();
    return lines;
  }

  @Test
  void secondCallReadsTheCacheAndPredictsIdentically() throws IOException {
    Dataset data = SyntheticDigits.make(dir.resolve("data"), 600, 1);
    Path cache = dir.resolve("cache");

    ClassifierCache.Entry trained = getOrTrain(cache, data);
    List<String> trainingLog = takeLog();
    ClassifierCache.Entry cached = getOrTrain(cache, data);
    List<String> cachedLog = takeLog();

    assertThat(trained.fromCache()).isFalse();
    assertThat(trained.testAccuracy()).isGreaterThanOrEqualTo(0.97);
    assertThat(trained.file()).exists().hasParent(cache);
    assertThat(trained.file().getFileName().toString()).matches("synthetic-[0-9a-f]{16}\\.safetensors");
    assertThat(trainingLog).hasSize(3);
    assertThat(trainingLog.get(0)).startsWith("classifier: nothing cached at " + trained.file());
    assertThat(trainingLog.get(1)).startsWith("classifier: training 64-32-16-10 on 600 synthetic images");
    assertThat(trainingLog.get(2)).startsWith("classifier: test accuracy ").endsWith("wrote " + trained.file());
    String sum = Files.readString(ClassifierCache.checksumFile(trained.file()));
    assertThat(sum).matches("[0-9a-f]{64}  " + trained.file().getFileName() + "\n");

    assertThat(cached.fromCache()).isTrue();
    assertThat(cached.file()).isEqualTo(trained.file());
    assertThat(cachedLog).singleElement().asString()
        .startsWith("classifier: using " + trained.file() + " (checksum verified): test accuracy ");
    assertThat(cached.testAccuracy()).isEqualTo(trained.testAccuracy());
    assertThat(cached.classifier().parameters().values()).isEqualTo(trained.classifier().parameters().values());
    assertThat(probabilities(cached.classifier(), data.test())).isEqualTo(probabilities(trained.classifier(),
        data.test()));
  }

  @Test
  void aCorruptFileIsTrainedAgain() throws IOException {
    Dataset data = SyntheticDigits.make(dir.resolve("data"), 600, 1);
    Path file = getOrTrain(dir, data).file();
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 100] ^= 0x10; // one bit of one weight
    Files.write(file, bytes);
    takeLog();

    ClassifierCache.Entry entry = getOrTrain(dir, data);

    assertThat(entry.fromCache()).isFalse();
    List<String> lines = takeLog();
    assertThat(lines.get(0)).startsWith("classifier: " + file + ": SHA-256 ")
        .endsWith("differs from " + file.getFileName() + ".sha256; training again");
    assertThat(lines.get(1)).startsWith("classifier: training");
    assertThat(getOrTrain(dir, data).fromCache()).as("the entry was written again").isTrue();
  }

  @Test
  void aMissingChecksumOrAForeignKeyIsTrainedAgain() throws IOException {
    Dataset data = SyntheticDigits.make(dir.resolve("data"), 600, 1);
    Path file = getOrTrain(dir, data).file();
    Path sumFile = ClassifierCache.checksumFile(file);
    Files.delete(sumFile);
    takeLog();

    assertThat(getOrTrain(dir, data).fromCache()).isFalse();
    assertThat(takeLog().get(0)).isEqualTo("classifier: " + file + ": no checksum file " + sumFile.getFileName()
        + "; training again");

    // A file with a valid checksum whose key says it was made from something else: e.g. a 64-bit name collision.
    SafeTensors.Contents contents = SafeTensors.read(file);
    Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
    metadata.put("config", metadata.get("config").replaceAll("\"cache_key\":\"[0-9a-f]+\"", "\"cache_key\":\"0\""));
    SafeTensors.write(file, contents.tensors(), metadata);
    Files.writeString(sumFile, sha256(file) + "  " + file.getFileName() + "\n");

    assertThat(getOrTrain(dir, data).fromCache()).isFalse();
    assertThat(takeLog().get(0)).isEqualTo("classifier: " + file + ": made for other data or settings; training again");
  }

  @Test
  void otherDataOrSettingsGetAnotherEntry() throws IOException {
    Dataset data = SyntheticDigits.make(dir.resolve("a"), 600, 1);
    Dataset other = SyntheticDigits.make(dir.resolve("b"), 600, 2); // same patterns, other noise
    Path cache = dir.resolve("cache");

    Path first = getOrTrain(cache, data).file();
    ClassifierCache.Entry otherEntry = getOrTrain(cache, other);

    assertThat(otherEntry.fromCache()).isFalse();
    assertThat(otherEntry.file()).isNotEqualTo(first);
    assertThat(getOrTrain(cache, data).fromCache()).isTrue();
    // the key follows the content: one label, the settings, the image count
    String key = ClassifierCache.key(data.train().sha256(), 64, TINY);
    assertThat(ClassifierCache.key(data.train().sha256(), 64, TINY)).isEqualTo(key);
    assertThat(ClassifierCache.key(other.train().sha256(), 64, TINY)).isNotEqualTo(key);
    assertThat(ClassifierCache.key(data.train().first(599).sha256(), 64, TINY)).isNotEqualTo(key);
    assertThat(ClassifierCache.key(data.train().sha256(), 64,
        new ClassifierTraining.Settings(32, 16, 8, 32, 3e-3, 0, 2))).isNotEqualTo(key);
    assertThat(ClassifierCache.key(data.train().sha256(), 64,
        new ClassifierTraining.Settings(32, 17, 8, 32, 3e-3, 0, 1))).isNotEqualTo(key);
  }

  @Test
  void anUnwritableCacheStillGivesTheClassifier() throws IOException {
    Dataset data = SyntheticDigits.make(dir.resolve("data"), 600, 1);
    Path notAFolder = Files.writeString(dir.resolve("file"), "x");

    ClassifierCache.Entry entry = getOrTrain(notAFolder, data);

    assertThat(entry.file()).isNull();
    assertThat(entry.testAccuracy()).isGreaterThanOrEqualTo(0.97);
    List<String> lines = takeLog();
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("classifier: cannot cache"));
    assertThat(lines.get(lines.size() - 1)).endsWith("not cached");
  }

  /** Every image's class probabilities, in order: (N, C). */
  static float[] probabilities(DigitClassifier classifier, ImageSet images) {
    int n = images.count();
    int classes = classifier.config().classes();
    int[] order = IntStream.range(0, n).toArray();
    float[] x = new float[n * images.pixels()];
    images.toFloats(order, 0, n, x);
    return Arrays.copyOf(classifier.forward(x, n), n * classes);
  }

  static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
