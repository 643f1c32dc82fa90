package org.vae4j.model;

import java.util.List;
import org.vae4j.nn.Activation;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.LayerSpec;
import org.vae4j.nn.LinearSpec;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Parameters;
import org.vae4j.nn.Rng;
import org.vae4j.nn.Sequential;
import org.vae4j.nn.SoftmaxCrossEntropy;
import org.vae4j.nn.Tensor;

/**
 * An MLP that tells digits apart, to judge a VAE's images: x (P) -> relu(hidden1) (H1) -> relu(hidden2)
 * (F = H2, the features) -> output logits (C) -> softmax. Loss per image: cross-entropy against its label;
 * a batch's loss is their mean.
 *
 * <p>Activations live in a workspace sized for the largest batch seen, so that a loop with a fixed batch
 * size allocates nothing. Buffers returned by {@link #forward(float[], int)}, {@link #features()} and
 * friends are that workspace: valid until the next call.
 */
public final class DigitClassifier {
  private final ClassifierConfig config;
  private final Parameters params;
  private final Sequential network;
  private final Parallel parallel;
  private float[] probs = new float[0];         // (B, C) softmax(logits)
  private double[] lossPerImage = new double[0]; // (B)
  private int[] labels; // (B) the last labelled forward's, not owned; null after an unlabelled one
  private int batch;

  /** A model with all parameters zero; call {@link #init} or load values into {@link #parameters()}. */
  public DigitClassifier(ClassifierConfig config, Gemm gemm) {
    this(config, gemm, Parallel.SERIAL);
  }

  /** As above, with element-wise work split over parallel's threads. */
  public DigitClassifier(ClassifierConfig config, Gemm gemm, Parallel parallel) {
    this.config = config;
    List<LayerSpec> layers = layers(config);
    Parameters.Builder layout = new Parameters.Builder();
    layers.forEach(l -> l.declare(layout));
    this.params = layout.build();
    this.network = new Sequential(layers, params, gemm, parallel);
    this.parallel = parallel;
  }

  /** Its layers, named as a PyTorch module with the children hidden1, hidden2 and output. */
  static List<LayerSpec> layers(ClassifierConfig c) {
    return List.of(new LinearSpec("hidden1", c.input(), c.hidden1(), Activation.RELU),
        new LinearSpec("hidden2", c.hidden1(), c.hidden2(), Activation.RELU),
        new LinearSpec("output", c.hidden2(), c.classes(), Activation.NONE));
  }

  /** The parameter tensors (names, shapes) a model of this config has, without allocating them. */
  public static List<Tensor> layout(ClassifierConfig config) {
    Parameters.Builder layout = new Parameters.Builder();
    layers(config).forEach(l -> l.declare(layout));
    return layout.tensors();
  }

  public ClassifierConfig config() {
    return config;
  }

  public Parameters parameters() {
    return params;
  }

  /** The threads for element-wise work, for whoever updates the parameters (the optimizer). */
  public Parallel parallel() {
    return parallel;
  }

  /** PyTorch's default initialization, layer by layer in state_dict order. */
  public void init(Rng rng) {
    network.init(rng);
  }

  // x: (B, P) in [0, 1] -> returns the workspace's class probabilities (B, C); features() is then (B, F)
  public float[] forward(float[] x, int batch) {
    float[] logits = logits(x, batch);
    SoftmaxCrossEntropy.softmax(probs, logits, batch, config.classes());
    labels = null; // nothing for backward to differentiate
    return probs;
  }

  /**
   * x: (B, P) in [0, 1], labels: (B) in [0, C). Runs the whole model and returns the batch's mean
   * cross-entropy; keeps x, labels and the activations for {@link #backward()}.
   */
  public double forward(float[] x, int[] labels, int batch) {
    float[] logits = logits(x, batch);
    SoftmaxCrossEntropy.forward(lossPerImage, probs, logits, labels, batch, config.classes());
    this.labels = labels;
    double sum = 0;
    for (int b = 0; b < batch; b++) {
      sum += lossPerImage[b];
    }
    return sum / batch;
  }

  // x: (B, P) -> the network's logits (B, C)
  private float[] logits(float[] x, int batch) {
    if (lossPerImage.length < batch) {
      probs = new float[batch * config.classes()];
      lossPerImage = new double[batch];
    }
    this.batch = batch;
    return network.forward(x, batch);
  }

  /** Zeroes the parameter gradients and the activation gradients, before a backward pass. */
  public void zeroGrad() {
    parallel.zero(params.grads());
    network.zeroGrad();
  }

  /** Adds the gradient of the last labelled forward's mean loss into the parameter gradients. */
  public void backward() {
    if (labels == null) {
      throw new IllegalStateException("backward needs a forward with labels first");
    }
    SoftmaxCrossEntropy.backward(network.outputGrad(), probs, labels, batch, config.classes(), 1f / batch);
    network.backward(null);
  }

  /** Output logits of the last forward: (B, C). */
  public float[] logits() {
    return network.output(2);
  }

  /** The penultimate layer of the last forward, after its ReLU: (B, F), the features for a Frechet distance. */
  public float[] features() {
    return network.output(1);
  }

  /** F, the width of {@link #features()}. */
  public int featureSize() {
    return config.hidden2();
  }

  /** The most probable class of image b of the last forward (the first of equals). */
  public int predicted(int b) {
    int c = config.classes();
    float[] logits = logits();
    int row = b * c;
    int best = 0;
    for (int k = 1; k < c; k++) {
      if (logits[row + k] > logits[row + best]) {
        best = k;
      }
    }
    return best;
  }
}
