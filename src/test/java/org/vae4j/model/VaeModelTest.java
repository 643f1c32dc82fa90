package org.vae4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.ImageSet;
import org.vae4j.data.TestData;
import org.vae4j.nn.GemmEngines;
import org.vae4j.nn.ReferenceGemm;
import org.vae4j.nn.Rng;

/** The thread-safe model for applications: concurrent calls give what one thread alone gets. */
class VaeModelTest {
  private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

  @TempDir
  Path dir;

  /** An MNIST-sized model saved with PyTorch's initialization: its file, in a run folder. */
  private Path saved(ModelSpec spec) {
    Vae vae = new Vae(spec.architecture(), new ReferenceGemm());
    vae.init(new Rng(11));
    ModelFile.save(dir.resolve(ModelFile.NAME), vae, TestModels.json("dataset", "mnist"));
    return dir;
  }

  @Test
  void eightThreadsDecodingAtOnceEachGetWhatOneThreadAloneGets() throws Exception {
    Path run = saved(TestModels.mlp(784, 256, 20));
    int threads = 8;
    int n = 300; // two chunks
    try (VaeModel model = VaeModel.load(run, GemmEngines.AUTO, 4, QUIET)) {
      float[][] z = new float[threads][];
      float[][] expected = new float[threads][];
      for (int t = 0; t < threads; t++) {
        z[t] = new float[n * model.latent()];
        new Rng(100 + t).fillGaussian(z[t], 0, z[t].length);
        expected[t] = model.decode(z[t], null, n);
      }
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> mismatches = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int id = t;
          Callable<Integer> decodeRepeatedly = () -> {
            start.await();
            int wrong = 0;
            float[] into = new float[n * model.pixels()];
            for (int round = 0; round < 10; round++) {
              float[] images = round % 2 == 0 ? model.decode(z[id], null, n) : into;
              if (round % 2 == 1) {
                model.decode(z[id], null, n, into);
              }
              wrong += Arrays.equals(images, expected[id]) ? 0 : 1;
            }
            return wrong;
          };
          mismatches.add(pool.submit(decodeRepeatedly));
        }
        start.countDown();
        for (int t = 0; t < threads; t++) {
          assertThat(mismatches.get(t).get()).as("decodes of thread %d unlike the single-threaded one", t).isZero();
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  @Test
  void encodeDecodeAndScoreGiveWhatTheModelComputes() {
    ModelSpec spec = TestModels.cvae(784, 64, 6, 10);
    Path run = saved(spec);
    ImageSet test = TestData.mnist().test();
    int n = 300;
    float[] x = new float[n * 784];
    test.toFloats(0, n, x);
    int[] labels = new int[n];
    test.labels(0, n, labels);
    Vae vae = ModelFile.load(run.resolve(ModelFile.NAME), new ReferenceGemm()).vae();
    Inference reference = new Inference(vae);

    try (VaeModel model = VaeModel.load(run.resolve(ModelFile.NAME), GemmEngines.JAVA, 2, QUIET)) {
      assertThat(model.conditional()).isTrue();
      assertThat(model.classes()).isEqualTo(10);
      assertThat(model.classNames()).isEmpty();
      Inference.Posterior q = reference.encode(x, labels, n);
      VaeModel.Posterior posterior = model.encode(x, labels, n);
      assertClose(posterior.mean(), q.mean(), 1e-5f);
      assertClose(posterior.logvar(), q.logvar(), 1e-5f);
      assertClose(model.decode(q.mean(), labels, n), reference.decode(q.mean(), labels, n), 1e-5f);

      float[] z = new float[n * 6];
      new Rng(9).fillGaussian(z, 0, z.length);
      assertClose(model.sample(n, labels, 9), reference.decode(z, labels, n), 1e-5f);

      double[] nelbo = model.score(x, labels, n, 5);
      float[] eps = new float[n * 6];
      new Rng(5).fillGaussian(eps, 0, eps.length);
      Elbo elbo = new Elbo(vae);
      double expected = elbo.forward(x, labels, eps, n) * n;
      assertThat(Arrays.stream(nelbo).sum()).isCloseTo(expected, within(1e-6 * Math.abs(expected)));
      assertThat(Arrays.stream(nelbo).min().orElseThrow()).isPositive();
      double[] again = new double[n];
      model.score(x, labels, n, 5, again);
      assertThat(again).containsExactly(nelbo);
    }
  }

  @Test
  void resultsAreFreshArraysThatLaterCallsLeaveAlone() {
    Path run = saved(TestModels.mlp(784, 32, 4));
    try (VaeModel model = VaeModel.load(run, GemmEngines.JAVA, 1, QUIET)) {
      float[] first = model.sample(5, null, 1);
      float[] kept = first.clone();
      model.sample(5, null, 2);
      assertThat(first).containsExactly(kept);
    }
  }

  @Test
  void badArgumentsAreRefusedWithAMessage() {
    Path run = saved(TestModels.cvae(784, 16, 2, 10));
    try (VaeModel model = VaeModel.load(run, GemmEngines.JAVA, 1, QUIET)) {
      float[] z = new float[4];
      assertThatThrownBy(() -> model.decode(z, null, 2)).hasMessage("a conditional model needs each image's label");
      assertThatThrownBy(() -> model.decode(z, new int[] {1, 10}, 2))
          .hasMessage("label 10 of image 1 is outside 0..9");
      assertThatThrownBy(() -> model.decode(z, new int[] {1, 2}, 3)).hasMessage("z holds 4 values, 3 x 2 needed");
      assertThatThrownBy(() -> model.decode(z, new int[] {1, 2}, 2, new float[10]))
          .hasMessage("images holds 10 values, 1568 needed");
    }
    VaeModel closed = VaeModel.load(run, GemmEngines.JAVA, 1, QUIET);
    closed.close();
    assertThatThrownBy(() -> closed.sample(1, new int[] {0}, 1)).hasMessage("the model is closed");
  }

  private static void assertClose(float[] actual, float[] expected, float tolerance) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      assertThat(actual[i]).as("value %d", i).isCloseTo(expected[i], within(tolerance));
    }
  }
}
