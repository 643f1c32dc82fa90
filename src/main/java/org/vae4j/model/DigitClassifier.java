package org.vae4j.model;

import java.util.List;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Linear;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Parameters;
import org.vae4j.nn.Relu;
import org.vae4j.nn.Rng;
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
  /** Parameter names and order follow a PyTorch state_dict of the same module tree. */
  public static final String HIDDEN1 = "hidden1";
  public static final String HIDDEN2 = "hidden2";
  public static final String OUTPUT = "output";

  private final ClassifierConfig config;
  private final Parallel parallel;
  private final Parameters params;
  private final Linear hidden1;
  private final Linear hidden2;
  private final Linear output;
  private Workspace ws = new Workspace(0, 0, 0, 0);

  /** A model with all parameters zero; call {@link #init} or load values into {@link #parameters()}. */
  public DigitClassifier(ClassifierConfig config, Gemm gemm) {
    this(config, gemm, Parallel.SERIAL);
  }

  /** As above, with element-wise work split over parallel's threads. */
  public DigitClassifier(ClassifierConfig config, Gemm gemm, Parallel parallel) {
    this.config = config;
    this.parallel = parallel;
    this.params = declare(config).build();
    this.hidden1 = new Linear(params, HIDDEN1, gemm, parallel);
    this.hidden2 = new Linear(params, HIDDEN2, gemm, parallel);
    this.output = new Linear(params, OUTPUT, gemm, parallel);
  }

  /** The parameter tensors (names, shapes) a model of this config has, without allocating them. */
  public static List<Tensor> layout(ClassifierConfig config) {
    return declare(config).tensors();
  }

  private static Parameters.Builder declare(ClassifierConfig config) {
    Parameters.Builder layout = new Parameters.Builder();
    Linear.declare(layout, HIDDEN1, config.input(), config.hidden1());
    Linear.declare(layout, HIDDEN2, config.hidden1(), config.hidden2());
    Linear.declare(layout, OUTPUT, config.hidden2(), config.classes());
    return layout;
  }

  public ClassifierConfig config() {
    return config;
  }

  public Parameters parameters() {
    return params;
  }

  /** PyTorch's default initialization, layer by layer in state_dict order. */
  public void init(Rng rng) {
    hidden1.init(rng);
    hidden2.init(rng);
    output.init(rng);
  }

  // x: (B, P) in [0, 1] -> returns the workspace's class probabilities (B, C); features() is then (B, F)
  public float[] forward(float[] x, int batch) {
    logits(x, batch);
    SoftmaxCrossEntropy.softmax(ws.probs, ws.logits, batch, config.classes());
    ws.labels = null; // nothing for backward to differentiate
    return ws.probs;
  }

  /**
   * x: (B, P) in [0, 1], labels: (B) in [0, C). Runs the whole model and returns the batch's mean
   * cross-entropy; keeps x, labels and the activations for {@link #backward()}.
   */
  public double forward(float[] x, int[] labels, int batch) {
    logits(x, batch);
    SoftmaxCrossEntropy.forward(ws.lossPerImage, ws.probs, ws.logits, labels, batch, config.classes());
    ws.labels = labels;
    double sum = 0;
    for (int b = 0; b < batch; b++) {
      sum += ws.lossPerImage[b];
    }
    return sum / batch;
  }

  // x: (B, P) -> the workspace's h1 (B, H1), h2 (B, H2) and logits (B, C)
  private void logits(float[] x, int batch) {
    ensureCapacity(batch);
    hidden1.forwardRelu(ws.h1, x, batch);
    hidden2.forwardRelu(ws.h2, ws.h1, batch);
    output.forward(ws.logits, ws.h2, batch);
    ws.x = x;
    ws.batch = batch;
  }

  /** Zeroes the parameter gradients and the activation gradients, before a backward pass. */
  public void zeroGrad() {
    parallel.zero(params.grads());
    ws.zeroGrads(parallel);
  }

  /** Adds the gradient of the last labelled forward's mean loss into the parameter gradients. */
  public void backward() {
    if (ws.labels == null) {
      throw new IllegalStateException("backward needs a forward with labels first");
    }
    int batch = ws.batch;
    SoftmaxCrossEntropy.backward(ws.dlogits, ws.probs, ws.labels, batch, config.classes(), 1f / batch);
    output.backward(ws.dh2, ws.dlogits, ws.h2, batch);
    Relu.backward(ws.dh2pre, ws.dh2, ws.h2, batch * config.hidden2(), parallel);
    hidden2.backward(ws.dh1, ws.dh2pre, ws.h1, batch);
    Relu.backward(ws.dh1pre, ws.dh1, ws.h1, batch * config.hidden1(), parallel);
    hidden1.backward(null, ws.dh1pre, ws.x, batch);
  }

  /** Output logits of the last forward: (B, C). */
  public float[] logits() {
    return ws.logits;
  }

  /** The penultimate layer of the last forward, after its ReLU: (B, F), the features for a Frechet distance. */
  public float[] features() {
    return ws.h2;
  }

  /** F, the width of {@link #features()}. */
  public int featureSize() {
    return config.hidden2();
  }

  /** The most probable class of image b of the last forward (the first of equals). */
  public int predicted(int b) {
    int c = config.classes();
    int row = b * c;
    int best = 0;
    for (int k = 1; k < c; k++) {
      if (ws.logits[row + k] > ws.logits[row + best]) {
        best = k;
      }
    }
    return best;
  }

  private void ensureCapacity(int batch) {
    if (batch > ws.capacity) {
      ws = new Workspace(batch, config.hidden1(), config.hidden2(), config.classes());
    }
  }

  /** Activations and their gradients for up to {@code capacity} images. */
  private static final class Workspace {
    final int capacity;
    final float[] h1;      // (B, H1) after ReLU
    final float[] h2;      // (B, H2) after ReLU: the features
    final float[] logits;  // (B, C)
    final float[] probs;   // (B, C) softmax(logits)
    final double[] lossPerImage; // (B)
    final float[] dlogits; // (B, C)
    final float[] dh2;     // (B, H2)
    final float[] dh2pre;  // (B, H2)
    final float[] dh1;     // (B, H1)
    final float[] dh1pre;  // (B, H1)
    final float[][] grads; // every activation gradient above, to zero them in one loop
    float[] x;             // (B, P) the last forward's input, not owned
    int[] labels;          // (B) the last labelled forward's labels, not owned; null after an unlabelled one
    int batch;

    Workspace(int capacity, int h1Size, int h2Size, int c) {
      this.capacity = capacity;
      h1 = new float[capacity * h1Size];
      h2 = new float[capacity * h2Size];
      logits = new float[capacity * c];
      probs = new float[capacity * c];
      lossPerImage = new double[capacity];
      dlogits = new float[capacity * c];
      dh2 = new float[capacity * h2Size];
      dh2pre = new float[capacity * h2Size];
      dh1 = new float[capacity * h1Size];
      dh1pre = new float[capacity * h1Size];
      grads = new float[][] {dlogits, dh2, dh2pre, dh1, dh1pre};
    }

    void zeroGrads(Parallel parallel) {
      for (float[] g : grads) {
        parallel.zero(g);
      }
    }
  }
}
