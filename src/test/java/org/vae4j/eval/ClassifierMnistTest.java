package org.vae4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.Dataset;
import org.vae4j.data.TestData;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.GemmEngines;
import org.vae4j.nn.Parallel;

/**
 * The requirement on real MNIST: the classifier vae4j trains with its default settings reaches at
 * least 98.0% test accuracy (an MLP), and the cache then serves the same classifier. About a minute.
 */
class ClassifierMnistTest {
  @TempDir
  Path cache;

  @Test
  void reachesNinetyEightPercentAndIsServedFromTheCache() throws IOException {
    Dataset mnist = TestData.mnist();
    ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    try (Parallel parallel = new Parallel(2)) {
      Gemm gemm = GemmEngines.create(GemmEngines.AUTO, parallel, log);
      ClassifierCache.Entry trained = ClassifierCache.getOrTrain(cache, "mnist", mnist.train(), mnist.test(), gemm,
          parallel, log);
      System.out.printf(Locale.ROOT, "MNIST classifier (%s): test accuracy %.2f%% in %.1f s, %d bytes%n",
          gemm.name(), 100 * trained.testAccuracy(), trained.seconds(), Files.size(trained.file()));

      assertThat(trained.fromCache()).isFalse();
      assertThat(trained.testAccuracy()).isGreaterThanOrEqualTo(0.980);

      ClassifierCache.Entry cached = ClassifierCache.getOrTrain(cache, "mnist", mnist.train(), mnist.test(), gemm,
          parallel, log);
      assertThat(cached.fromCache()).isTrue();
      assertThat(cached.testAccuracy()).isEqualTo(trained.testAccuracy());
      assertThat(ClassifierCacheTest.probabilities(cached.classifier(), mnist.test().first(2000)))
          .isEqualTo(ClassifierCacheTest.probabilities(trained.classifier(), mnist.test().first(2000)));
    }
    System.out.print(logBytes.toString(StandardCharsets.UTF_8));
  }
}
