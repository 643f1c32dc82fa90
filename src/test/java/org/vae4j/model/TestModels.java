package org.vae4j.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.SigmoidBce;

/** Small models and model-file extras for tests. */
public final class TestModels {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestModels() {}

  /** An MLP VAE spec of p pixels (28 x 28 when p is 784, else 1 x p), hidden h, latent d. */
  public static ModelSpec mlp(int p, int h, int d) {
    int rows = p == 784 ? 28 : 1;
    return ModelSpec.mlp(rows, p / rows, h, d);
  }

  /** A conditional MLP VAE spec of p pixels and c classes. */
  public static ModelSpec cvae(int p, int h, int d, int c) {
    int rows = p == 784 ? 28 : 1;
    return new ModelSpec(ConditionalVae.NAME, rows, p / rows, c, d, h, List.of());
  }

  /** A convolutional VAE spec of rows x cols images with the given channel widths, dense width h and latent d. */
  public static ModelSpec conv(int rows, int cols, List<Integer> channels, int h, int d) {
    return new ModelSpec(ConvVae.NAME, rows, cols, 0, d, h, channels);
  }

  /** spec's architecture with the Bernoulli likelihood computed exactly, in double, for finite differences. */
  public static Architecture exact(ModelSpec spec) {
    Architecture a = spec.architecture();
    return new Architecture(spec, a.encoder(), a.mean(), a.logvar(), a.decoder(), new ExactBernoulli());
  }

  /** A JSON object of the given keys and values, e.g. the extra fields of a model file. */
  public static ObjectNode json(Object... keysAndValues) {
    ObjectNode node = JSON.createObjectNode();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      node.set((String) keysAndValues[i], JSON.valueToTree(keysAndValues[i + 1]));
    }
    return node;
  }

  /** Bernoulli pixels with the plain formula in double: the loss whose derivative backward computes. */
  private static final class ExactBernoulli implements Likelihood {
    @Override
    public String name() {
      return "bernoulli";
    }

    @Override
    public void nll(double[] nll, float[] mean, float[] work, float[] logits, float[] x, int from, int to,
                    int pixels) {
      SigmoidBce.forwardReference(nll, mean, logits, x, from, to, pixels);
    }

    @Override
    public void backward(float[] dlogits, float[] mean, float[] x, float[] rowScale, int batch, int pixels,
                         Parallel parallel) {
      Bernoulli.INSTANCE.backward(dlogits, mean, x, rowScale, batch, pixels, parallel);
    }

    @Override
    public void backward(float[] dlogits, float[] mean, float[] x, int n, float scale, Parallel parallel) {
      Bernoulli.INSTANCE.backward(dlogits, mean, x, n, scale, parallel);
    }

    @Override
    public void mean(float[] mean, float[] logits, int n) {
      Bernoulli.INSTANCE.mean(mean, logits, n);
    }
  }
}
