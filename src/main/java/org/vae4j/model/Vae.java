package org.vae4j.model;

import java.util.List;
import org.vae4j.nn.GaussianLatent;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Linear;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Parameters;
import org.vae4j.nn.Relu;
import org.vae4j.nn.Rng;
import org.vae4j.nn.SigmoidBce;
import org.vae4j.nn.Tensor;

/**
 * The lab reports' VAE. Encoder: x (P) -> relu(hidden) (H) -> mean, logvar (d each). Reparameterization:
 * z = mean + exp(logvar / 2) eps. Decoder: z -> relu(hidden) (H) -> output logits (P) of Bernoulli pixels.
 * Loss per image: BCE summed over pixels + KL(q(z|x) || N(0, I)); a batch's loss is their mean.
 *
 * <p>Activations live in a workspace sized for the largest batch seen, so that a training loop with a
 * fixed batch size allocates nothing. Buffers returned by {@link #mean()}, {@link #decode} and friends are
 * that workspace: valid until the next call.
 */
public final class Vae implements LatentGaussianModel {
  /** Parameter names and order follow a PyTorch state_dict of the same module tree. */
  public static final String ENCODER_HIDDEN = "encoder.hidden";
  public static final String ENCODER_MEAN = "encoder.mean";
  public static final String ENCODER_LOGVAR = "encoder.logvar";
  public static final String DECODER_HIDDEN = "decoder.hidden";
  public static final String DECODER_OUTPUT = "decoder.output";

  private final VaeConfig config;
  private final Parameters params;
  private final Linear encoderHidden;
  private final Linear encoderMean;
  private final Linear encoderLogvar;
  private final Linear decoderHidden;
  private final Linear decoderOutput;
  private final Parallel parallel;
  private Workspace ws = new Workspace(0, 0, 0, 0);

  /** A model with all parameters zero; call {@link #init} or load values into {@link #parameters()}. */
  public Vae(VaeConfig config, Gemm gemm) {
    this(config, gemm, Parallel.SERIAL);
  }

  /** As above, with element-wise work split over parallel's threads. */
  public Vae(VaeConfig config, Gemm gemm, Parallel parallel) {
    this.config = config;
    this.parallel = parallel;
    this.params = declare(config).build();
    this.encoderHidden = new Linear(params, ENCODER_HIDDEN, gemm, parallel);
    this.encoderMean = new Linear(params, ENCODER_MEAN, gemm, parallel);
    this.encoderLogvar = new Linear(params, ENCODER_LOGVAR, gemm, parallel);
    this.decoderHidden = new Linear(params, DECODER_HIDDEN, gemm, parallel);
    this.decoderOutput = new Linear(params, DECODER_OUTPUT, gemm, parallel);
  }

  /** The parameter tensors (names, shapes) a model of this config has, without allocating them. */
  public static List<Tensor> layout(VaeConfig config) {
    return declare(config).tensors();
  }

  private static Parameters.Builder declare(VaeConfig config) {
    int p = config.input();
    int h = config.hidden();
    int d = config.latent();
    Parameters.Builder layout = new Parameters.Builder();
    Linear.declare(layout, ENCODER_HIDDEN, p, h);
    Linear.declare(layout, ENCODER_MEAN, h, d);
    Linear.declare(layout, ENCODER_LOGVAR, h, d);
    Linear.declare(layout, DECODER_HIDDEN, d, h);
    Linear.declare(layout, DECODER_OUTPUT, h, p);
    return layout;
  }

  public VaeConfig config() {
    return config;
  }

  @Override
  public int latent() {
    return config.latent();
  }

  @Override
  public int input() {
    return config.input();
  }

  @Override
  public void posterior(float[] x, int batch, float[] mean, float[] logvar) {
    encode(x, batch);
    System.arraycopy(ws.mean, 0, mean, 0, batch * config.latent());
    System.arraycopy(ws.logvar, 0, logvar, 0, batch * config.latent());
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
    for (Linear layer : new Linear[] {encoderHidden, encoderMean, encoderLogvar, decoderHidden, decoderOutput}) {
      layer.init(rng);
    }
  }

  // x: (B, P); fills the workspace's h1 (B, H), mean and logvar (B, d)
  public void encode(float[] x, int batch) {
    ensureCapacity(batch);
    encoderHidden.forwardRelu(ws.h1, x, batch);
    encoderMean.forward(ws.mean, ws.h1, batch);
    encoderLogvar.forward(ws.logvar, ws.h1, batch);
  }

  // z: (B, d) -> returns the workspace's Bernoulli means sigmoid(logits): (B, P)
  public float[] decode(float[] z, int batch) {
    ensureCapacity(batch);
    decodeLogits(z, batch);
    int n = batch * config.input();
    for (int i = 0; i < n; i++) {
      ws.probs[i] = (float) (1.0 / (1.0 + Math.exp(-ws.logits[i])));
    }
    return ws.probs;
  }

  // z: (B, d) -> the workspace's h2 (B, H) and logits (B, P)
  private void decodeLogits(float[] z, int batch) {
    decoderHidden.forwardRelu(ws.h2, z, batch);
    decoderOutput.forward(ws.logits, ws.h2, batch);
  }

  /**
   * z: (B, d), x: (B, P) in [0, 1] -> the workspace's (B) BCE of each x under the Bernoulli pixels decoded
   * from its z, summed over pixels: -log p(x | z).
   */
  @Override
  public double[] reconstructionLoss(float[] z, float[] x, int batch) {
    ensureCapacity(batch);
    decodeLogits(z, batch);
    bce(x, batch);
    return ws.reconPerImage;
  }

  /**
   * x: (B, P) in [0, 1], eps: (B, d) standard normal. Runs the whole model and returns the batch's mean
   * loss (negative ELBO per image). Keeps x, eps and the activations for {@link #backward()}.
   */
  public double forward(float[] x, float[] eps, int batch) {
    encode(x, batch);
    int n = batch * config.latent();
    GaussianLatent.reparameterize(ws.z, ws.std, ws.mean, ws.logvar, eps, n);
    decodeLogits(ws.z, batch);
    bce(x, batch);
    ws.reconSum = sum(ws.reconPerImage, batch);
    ws.klSum = GaussianLatent.kl(ws.klPerImage, ws.mean, ws.logvar, batch, config.latent());
    ws.x = x;
    ws.eps = eps;
    ws.batch = batch;
    return (ws.reconSum + ws.klSum) / batch;
  }

  // logits (the workspace's), x: (B, P) -> the workspace's reconPerImage (B) and probs (B, P)
  private void bce(float[] x, int batch) {
    int pixels = config.input();
    parallel.forRange(batch, 2, (from, to) ->
        SigmoidBce.forward(ws.reconPerImage, ws.probs, ws.bceWork, ws.logits, x, from, to, pixels));
  }

  /** Zeroes the parameter gradients and the activation gradients, before a backward pass. */
  public void zeroGrad() {
    parallel.zero(params.grads());
    ws.zeroGrads(parallel);
  }

  /** Adds the gradient of the last forward's mean loss into the parameter gradients. */
  public void backward() {
    int batch = ws.batch;
    int n = batch * config.latent();
    float scale = 1f / batch;
    SigmoidBce.backward(ws.dlogits, ws.probs, ws.x, batch * config.input(), scale, parallel);
    decoderOutput.backward(ws.dh2, ws.dlogits, ws.h2, batch);
    Relu.backward(ws.dh2pre, ws.dh2, ws.h2, batch * config.hidden(), parallel);
    decoderHidden.backward(ws.dz, ws.dh2pre, ws.z, batch);
    GaussianLatent.reparameterizeBackward(ws.dmean, ws.dlogvar, ws.dz, ws.std, ws.eps, n);
    GaussianLatent.klBackward(ws.dmean, ws.dlogvar, ws.mean, ws.logvar, n, scale);
    encoderMean.backward(ws.dh1, ws.dmean, ws.h1, batch);
    encoderLogvar.backward(ws.dh1, ws.dlogvar, ws.h1, batch);
    Relu.backward(ws.dh1pre, ws.dh1, ws.h1, batch * config.hidden(), parallel);
    encoderHidden.backward(null, ws.dh1pre, ws.x, batch);
  }

  /** Sum over the last forward's batch of BCE summed over pixels. */
  public double reconSum() {
    return ws.reconSum;
  }

  /** Sum over the last forward's batch of KL(q(z|x) || N(0, I)). */
  public double klSum() {
    return ws.klSum;
  }

  /** Posterior means of the last encode: (B, d). */
  public float[] mean() {
    return ws.mean;
  }

  /** Posterior log-variances of the last encode: (B, d). */
  public float[] logvar() {
    return ws.logvar;
  }

  /** Latent samples of the last forward: (B, d). */
  public float[] z() {
    return ws.z;
  }

  /** Output logits of the last forward or decode: (B, P). */
  public float[] logits() {
    return ws.logits;
  }

  private static double sum(double[] values, int n) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += values[i];
    }
    return total;
  }

  private void ensureCapacity(int batch) {
    if (batch > ws.capacity) {
      ws = new Workspace(batch, config.input(), config.hidden(), config.latent());
    }
  }

  /** Activations and their gradients for up to {@code capacity} images. */
  private static final class Workspace {
    final int capacity;
    final float[] h1;       // (B, H) encoder hidden, after ReLU
    final float[] mean;     // (B, d)
    final float[] logvar;   // (B, d)
    final float[] std;      // (B, d) exp(logvar / 2)
    final float[] z;        // (B, d)
    final float[] h2;       // (B, H) decoder hidden, after ReLU
    final float[] logits;   // (B, P)
    final float[] probs;    // (B, P) sigmoid(logits)
    final float[] bceWork;  // (B, P) per-pixel BCE, scratch of the loss
    final double[] reconPerImage; // (B)
    final double[] klPerImage;    // (B)
    final float[] dlogits;  // (B, P)
    final float[] dh2;      // (B, H)
    final float[] dh2pre;   // (B, H)
    final float[] dz;       // (B, d)
    final float[] dmean;    // (B, d)
    final float[] dlogvar;  // (B, d)
    final float[] dh1;      // (B, H)
    final float[] dh1pre;   // (B, H)
    final float[][] grads;  // every activation gradient above, to zero them in one loop
    float[] x;              // (B, P) the last forward's input, not owned
    float[] eps;            // (B, d) the last forward's noise, not owned
    int batch;
    double reconSum;
    double klSum;

    Workspace(int capacity, int p, int h, int d) {
      this.capacity = capacity;
      h1 = new float[capacity * h];
      mean = new float[capacity * d];
      logvar = new float[capacity * d];
      std = new float[capacity * d];
      z = new float[capacity * d];
      h2 = new float[capacity * h];
      logits = new float[capacity * p];
      probs = new float[capacity * p];
      bceWork = new float[capacity * p];
      reconPerImage = new double[capacity];
      klPerImage = new double[capacity];
      dlogits = new float[capacity * p];
      dh2 = new float[capacity * h];
      dh2pre = new float[capacity * h];
      dz = new float[capacity * d];
      dmean = new float[capacity * d];
      dlogvar = new float[capacity * d];
      dh1 = new float[capacity * h];
      dh1pre = new float[capacity * h];
      grads = new float[][] {dlogits, dh2, dh2pre, dz, dmean, dlogvar, dh1, dh1pre};
    }

    void zeroGrads(Parallel parallel) {
      for (float[] g : grads) {
        parallel.zero(g);
      }
    }
  }
}
