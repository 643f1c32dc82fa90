package org.vae4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vae4j.nn.Adam;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.JavaGemm;
import org.vae4j.nn.NativeGemm;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.ReferenceGemm;
import org.vae4j.nn.SafeTensors;
import org.vae4j.nn.Tensor;
import org.vae4j.nn.VectorGemm;

/**
 * The model against PyTorch, in the manner of llm.c's test_gpt2: tools/pytorch/make_golden.py stored
 * weights, input, eps, the loss and its parts, activations, every parameter gradient and three Adam steps;
 * this test recomputes all of it and reports each tensor's largest difference. For the lab reports' MLP and
 * for the convolutional kind.
 */
class VaeGoldenTest {
  static Stream<Named<Gemm>> engines() {
    return Stream.<Gemm>of(new ReferenceGemm(), new JavaGemm(2), new VectorGemm(new Parallel(2)),
            NativeGemm.load(new Parallel(2)))
        .map(g -> Named.of(g.name(), g));
  }

  /** The lab reports' MLP, and the convolutional kind (channels 4, 8 and a dense width of 16). */
  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (String file : List.of("vae_golden", "conv_golden")) {
      engines().forEach(g -> cases.add(Arguments.of(file, g)));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void forwardBackwardAndAdamMatchPyTorch(String file, Gemm gemm) throws Exception {
    SafeTensors.Contents contents =
        SafeTensors.read(Path.of(VaeGoldenTest.class.getResource("/golden/" + file + ".safetensors").toURI()));
    Map<String, SafeTensors.Entry> golden = contents.tensors();
    float[] x = golden.get("x").data();
    float[] eps = golden.get("eps").data();
    int batch = golden.get("x").shape()[0];
    ModelSpec spec = spec(new ObjectMapper().readTree(contents.metadata().get("config")));
    Comparison cmp = new Comparison();

    Vae vae = load(spec, gemm, golden);
    Elbo elbo = new Elbo(vae);
    double loss = elbo.forward(x, null, eps, batch);
    cmp.scalar("loss", loss, golden.get("loss"));
    cmp.scalar("recon", elbo.reconSum() / batch, golden.get("recon"));
    cmp.scalar("kl", elbo.klSum() / batch, golden.get("kl"));
    int latentValues = batch * spec.latent();
    cmp.tensor("mu", vae.mean(), latentValues, golden.get("mu"));
    cmp.tensor("logvar", vae.logvar(), latentValues, golden.get("logvar"));
    cmp.tensor("z", elbo.z(), latentValues, golden.get("z"));
    cmp.tensor("logits", vae.likelihoodParameters(), batch * spec.input(), golden.get("logits"));
    elbo.zeroGrad();
    elbo.backward();
    for (Tensor t : vae.parameters().tensors()) {
      cmp.slice("grad." + t.name(), vae.parameters().grads(), t, golden.get("grad." + t.name()));
    }

    Vae trained = load(spec, gemm, golden);
    Elbo trainedElbo = new Elbo(trained);
    Adam adam = new Adam(trained.parameters().size(), 1e-3);
    for (int step = 1; step <= 3; step++) {
      double stepLoss = trainedElbo.forward(x, null, golden.get("adam.eps." + step).data(), batch);
      cmp.scalar("adam.loss." + step, stepLoss, golden.get("adam.loss." + step));
      trainedElbo.zeroGrad();
      trainedElbo.backward();
      adam.step(trained.parameters().values(), trained.parameters().grads());
    }
    for (Tensor t : trained.parameters().tensors()) {
      cmp.slice("adam." + t.name(), trained.parameters().values(), t, golden.get("adam." + t.name()));
    }
    cmp.assertAllClose(gemm.name());
  }

  /** The model the golden file's config describes. */
  private static ModelSpec spec(JsonNode config) {
    List<Integer> channels = new ArrayList<>();
    config.path("channels").forEach(c -> channels.add(c.asInt()));
    int input = config.get("input").asInt();
    int rows = config.path("rows").asInt(28);
    return new ModelSpec(config.get("kind").asText(), rows, input / rows, 0, config.get("latent").asInt(),
        config.get("hidden").asInt(), channels);
  }

  private static Vae load(ModelSpec spec, Gemm gemm, Map<String, SafeTensors.Entry> golden) {
    Vae vae = new Vae(spec.architecture(), gemm);
    for (Tensor t : vae.parameters().tensors()) {
      SafeTensors.Entry e = golden.get(t.name());
      assertThat(e.shape()).as(t.name()).containsExactly(t.shape());
      System.arraycopy(e.data(), 0, vae.parameters().values(), t.offset(), t.size());
    }
    return vae;
  }

  /** Collects each tensor's largest difference; fails once, listing them all and marking those off. */
  private static final class Comparison {
    // Float32 on both sides, summed in different orders; seen: at most 3e-7 of the tensor's scale.
    private static final double RELATIVE = 1e-5;
    private static final double ABSOLUTE = 1e-7;
    private final List<String> lines = new ArrayList<>();
    private boolean failed;

    void scalar(String name, double actual, SafeTensors.Entry expected) {
      compare(name, new double[] {actual}, toDouble(expected.data(), 0, 1));
    }

    void tensor(String name, float[] actual, int n, SafeTensors.Entry expected) {
      assertThat(expected.data().length).as(name).isEqualTo(n);
      compare(name, toDouble(actual, 0, n), toDouble(expected.data(), 0, n));
    }

    void slice(String name, float[] block, Tensor t, SafeTensors.Entry expected) {
      assertThat(expected.shape()).as(name).containsExactly(t.shape());
      compare(name, toDouble(block, t.offset(), t.size()), toDouble(expected.data(), 0, t.size()));
    }

    private void compare(String name, double[] actual, double[] expected) {
      double maxDiff = 0;
      double scale = 0;
      for (int i = 0; i < actual.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
        scale = Math.max(scale, Math.abs(expected[i]));
      }
      boolean ok = maxDiff <= ABSOLUTE + RELATIVE * scale;
      failed |= !ok;
      lines.add(String.format(Locale.ROOT, "%-28s max diff %.3e (scale %.3e) %s", name, maxDiff, scale,
          ok ? "OK" : "<-- OFF"));
    }

    void assertAllClose(String engine) {
      if (failed) {
        fail("vae4j (" + engine + ") differs from PyTorch:\n" + String.join("\n", lines));
      }
    }

    private static double[] toDouble(float[] a, int off, int n) {
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = a[off + i];
      }
      return d;
    }
  }
}
