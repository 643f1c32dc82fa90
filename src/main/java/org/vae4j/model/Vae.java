package org.vae4j.model;

import java.util.Arrays;
import java.util.List;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Layer;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Parameters;
import org.vae4j.nn.Rng;
import org.vae4j.nn.Sequential;
import org.vae4j.nn.Tensor;

/**
 * A VAE of any kind, computing what its {@link Architecture} declares: the encoder to q(z | x) =
 * N(mean, exp(logvar)), the decoder to the likelihood's parameters, and the backward passes of both. The
 * objectives ({@link Objective}) put these together with the reparameterization and the loss.
 *
 * <p>Activations live in workspaces sized for the largest batch seen (the encoder's and the decoder's
 * apart, as an objective may decode several z per image), so that a loop with a fixed batch size allocates
 * nothing. Buffers returned by {@link #mean()}, {@link #decode} and friends are those workspaces: valid
 * until the next call. A conditional model takes each image's label (0..C-1); others ignore labels, which
 * may then be null.
 */
public final class Vae implements LatentGaussianModel {
  private final Architecture architecture;
  private final Parameters params;
  private final Parallel parallel;
  private final Sequential encoder;
  private final Layer meanHead;
  private final Layer logvarHead;
  private final Sequential decoder;
  private final List<Tensor> meanTensors;
  private final List<Tensor> logvarTensors;
  private final Likelihood likelihood;
  private final int p;
  private final int d;
  private final int c;
  private EncoderWorkspace enc = new EncoderWorkspace(0, 0, 0, 0);
  private DecoderWorkspace dec = new DecoderWorkspace(0, 0, 0, 0);
  // Cleared by zeroGrad and not yet written: the first backward into each writes rather than adds.
  private boolean encoderCleared;
  private boolean decoderCleared;
  private boolean likelihoodGradCleared;

  /** A model with all parameters zero; call {@link #init} or load values into {@link #parameters()}. */
  public Vae(Architecture architecture, Gemm gemm) {
    this(architecture, gemm, Parallel.SERIAL);
  }

  /** As above, with element-wise work split over parallel's threads. */
  public Vae(Architecture architecture, Gemm gemm, Parallel parallel) {
    this(architecture, architecture.declare().build(), gemm, parallel);
  }

  private Vae(Architecture architecture, Parameters params, Gemm gemm, Parallel parallel) {
    this.architecture = architecture;
    this.params = params;
    this.parallel = parallel;
    this.encoder = new Sequential(architecture.encoder(), params, gemm, parallel);
    this.meanHead = architecture.mean().bind(params, gemm, parallel);
    this.logvarHead = architecture.logvar().bind(params, gemm, parallel);
    this.meanTensors = architecture.mean().tensors(params);
    this.logvarTensors = architecture.logvar().tensors(params);
    this.decoder = new Sequential(architecture.decoder(), params, gemm, parallel);
    this.likelihood = architecture.likelihood();
    this.p = architecture.input();
    this.d = architecture.latent();
    this.c = architecture.classes();
  }

  /**
   * Another view of this model sharing its parameters (not copies: training one trains both) with its own
   * engine and workspaces: one per thread lets several threads encode and decode at once.
   */
  public Vae sharing(Gemm gemm, Parallel parallel) {
    return new Vae(architecture, params, gemm, parallel);
  }

  public Architecture architecture() {
    return architecture;
  }

  public ModelSpec spec() {
    return architecture.spec();
  }

  @Override
  public int latent() {
    return d;
  }

  @Override
  public int input() {
    return p;
  }

  /** C, the classes of the label it takes; 0 when it is unconditional. */
  public int classes() {
    return c;
  }

  public boolean conditional() {
    return c > 0;
  }

  public Likelihood likelihood() {
    return likelihood;
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
    encoder.init(rng);
    meanHead.init(rng);
    logvarHead.init(rng);
    decoder.init(rng);
  }

  // ---- encoder ----

  // x: (B, P), labels: (B) or null -> the workspace's mean() and logvar(), (B, d) each
  public void encode(float[] x, int[] labels, int batch) {
    ensureEncoder(batch);
    float[] input = c == 0 ? x : concatenate(enc.input, x, p, labels, batch);
    float[] h = encoder.forward(input, batch);
    meanHead.forward(enc.mean, h, batch, null);
    logvarHead.forward(enc.logvar, h, batch, null);
  }

  /** Encodes an unconditional model's images. */
  public void encode(float[] x, int batch) {
    encode(x, null, batch);
  }

  @Override
  public void posterior(float[] x, int[] labels, int batch, float[] mean, float[] logvar) {
    encode(x, labels, batch);
    System.arraycopy(enc.mean, 0, mean, 0, batch * d);
    System.arraycopy(enc.logvar, 0, logvar, 0, batch * d);
  }

  /** An unconditional model's posterior, written into mean and logvar: (B, d) each. */
  public void posterior(float[] x, int batch, float[] mean, float[] logvar) {
    posterior(x, null, batch, mean, logvar);
  }

  /** Posterior means of the last encode: (B, d). */
  public float[] mean() {
    return enc.mean;
  }

  /** Posterior log-variances of the last encode: (B, d). */
  public float[] logvar() {
    return enc.logvar;
  }

  /** The gradient of the last encode's means, (B, d), to add into before {@link #encoderBackward()}. */
  public float[] meanGrad() {
    return enc.dmean;
  }

  /** The gradient of the last encode's log-variances, (B, d), to add into before {@link #encoderBackward()}. */
  public float[] logvarGrad() {
    return enc.dlogvar;
  }

  /** Adds the encoder's parameter gradients, from meanGrad() and logvarGrad(), for the last encode. */
  public void encoderBackward() {
    int batch = enc.batch;
    float[] h = encoder.output(architecture.encoder().size() - 1);
    float[] dh = encoder.outputGrad(); // written by the mean head, added to by the log-variance head
    boolean add = !encoderCleared;
    headBackward(meanHead, meanTensors, dh, enc.dmean, h, enc.mean, batch, add, false);
    headBackward(logvarHead, logvarTensors, dh, enc.dlogvar, h, enc.logvar, batch, add, true);
    encoder.backward(null, add);
    encoderCleared = false;
  }

  private void headBackward(Layer head, List<Tensor> tensors, float[] dh, float[] dy, float[] h, float[] y, int batch,
                            boolean addParams, boolean addDx) {
    if (!head.backward(dh, dy, h, y, batch, null, addParams, addDx)) {
      if (!addParams) {
        params.zeroGrads(tensors);
      }
      if (!addDx) {
        parallel.zero(dh);
      }
      head.backward(dh, dy, h, y, batch, null);
    }
  }

  // ---- decoder ----

  // z: (B, d), labels: (B) or null -> the workspace's likelihood parameters (B, P), e.g. Bernoulli logits
  public float[] decodeParameters(float[] z, int[] labels, int batch) {
    ensureDecoder(batch);
    float[] input = c == 0 ? z : concatenate(dec.input, z, d, labels, batch);
    dec.batch = batch;
    return decoder.forward(input, batch);
  }

  // z: (B, d), labels: (B) or null -> the workspace's likelihood means (B, P): the images the model shows
  public float[] decode(float[] z, int[] labels, int batch) {
    float[] params = decodeParameters(z, labels, batch);
    likelihood.mean(dec.mean, params, batch * p);
    return dec.mean;
  }

  /** The last decode's likelihood parameters, (B, P): Bernoulli logits. */
  public float[] likelihoodParameters() {
    return decoder.output(architecture.decoder().size() - 1);
  }

  /** Decodes an unconditional model's codes. */
  public float[] decode(float[] z, int batch) {
    return decode(z, null, batch);
  }

  /**
   * x: (B, P) -> the workspace's (B) -log p(x_b | z_b) for the z of the last decode, summed over pixels;
   * keeps what {@link #reconstructionBackward} needs.
   */
  public double[] reconstructionLoss(float[] x, int batch) {
    float[] params = likelihoodParameters();
    parallel.forRange(batch, 2, (from, to) ->
        likelihood.nll(dec.nll, dec.mean, dec.work, params, x, from, to, p));
    return dec.nll;
  }

  @Override
  public double[] reconstructionLoss(float[] z, float[] x, int[] labels, int batch) {
    decodeParameters(z, labels, batch);
    return reconstructionLoss(x, batch);
  }

  @Override
  public double[] reconstructionLoss(float[] z, float[] x, int repeats, int[] labels, int batch) {
    if (repeats < 1 || batch % repeats != 0) {
      throw new IllegalArgumentException(batch + " rows are not images repeated " + repeats + " times");
    }
    float[] params = decodeParameters(z, labels, batch);
    boolean[] done = {true};
    parallel.forRange(batch, 2, (from, to) -> {
      if (!likelihood.nll(dec.nll, dec.mean, dec.work, params, x, repeats, from, to, p)) {
        done[0] = false;
      }
    });
    return done[0] ? dec.nll : null;
  }

  // x: (B, P) as the last reconstructionLoss saw it; the decoder's output gradient += scale * d nll / d params
  public void reconstructionBackward(float[] x, float scale) {
    likelihood.backward(decoder.outputGrad(), dec.mean, x, dec.batch * p, scale, !likelihoodGradCleared, parallel);
    likelihoodGradCleared = false;
  }

  // as above with a scale per image, rowScale: (B)
  public void reconstructionBackward(float[] x, float[] rowScale) {
    likelihood.backward(decoder.outputGrad(), dec.mean, x, rowScale, dec.batch, p, !likelihoodGradCleared, parallel);
    likelihoodGradCleared = false;
  }

  /** Adds the decoder's parameter gradients for the last decode, and dL/dz into dz: (B, d). */
  public void decoderBackward(float[] dz) {
    if (likelihoodGradCleared) { // nothing came from the likelihood since zeroGrad
      parallel.zero(decoder.outputGrad());
      likelihoodGradCleared = false;
    }
    boolean add = !decoderCleared;
    decoderCleared = false;
    if (c == 0) {
      decoder.backward(dz, add);
      return;
    }
    int batch = dec.batch;
    decoder.backward(dec.inputGrad, add);
    for (int b = 0; b < batch; b++) {
      for (int j = 0; j < d; j++) {
        dz[b * d + j] += dec.inputGrad[b * (d + c) + j];
      }
    }
  }

  /**
   * Zeroes the gradients, before a backward pass: the small ones (of the latent code) at once; the parameters'
   * and the activations' by letting the first backward into each write (=) instead of adding, the same bits
   * as adding into zeros without a pass over memory. So run the whole backward (decoder and encoder) before
   * reading {@link Parameters#grads()}; a second backward without zeroGrad adds, as always.
   */
  public void zeroGrad() {
    encoderCleared = true;
    decoderCleared = true;
    likelihoodGradCleared = true;
    parallel.zero(enc.dmean);
    parallel.zero(enc.dlogvar);
    if (c > 0) {
      parallel.zero(dec.inputGrad);
    }
  }

  /** rows: (B, n + C) = values (B, n) ++ onehot(labels) (B, C). */
  private float[] concatenate(float[] rows, float[] values, int n, int[] labels, int batch) {
    if (labels == null) {
      throw new IllegalArgumentException("a conditional model needs the images' labels");
    }
    int width = n + c;
    for (int b = 0; b < batch; b++) {
      int label = labels[b];
      if (label < 0 || label >= c) {
        throw new IllegalArgumentException("label " + label + " outside 0.." + (c - 1));
      }
      System.arraycopy(values, b * n, rows, b * width, n);
      Arrays.fill(rows, b * width + n, (b + 1) * width, 0f);
      rows[b * width + n + label] = 1f;
    }
    return rows;
  }

  private void ensureEncoder(int batch) {
    if (batch > enc.capacity) {
      enc = new EncoderWorkspace(batch, p, d, c);
    }
    enc.batch = batch;
  }

  private void ensureDecoder(int batch) {
    if (batch > dec.capacity) {
      dec = new DecoderWorkspace(batch, p, d, c);
    }
  }

  /** What the encoder's heads produce and receive, for up to capacity images. */
  private static final class EncoderWorkspace {
    final int capacity;
    final float[] input;   // (B, P + C) x ++ onehot(y), for a conditional model
    final float[] mean;    // (B, d)
    final float[] logvar;  // (B, d)
    final float[] dmean;   // (B, d)
    final float[] dlogvar; // (B, d)
    int batch;

    EncoderWorkspace(int capacity, int p, int d, int c) {
      this.capacity = capacity;
      input = new float[c == 0 ? 0 : capacity * (p + c)];
      mean = new float[capacity * d];
      logvar = new float[capacity * d];
      dmean = new float[capacity * d];
      dlogvar = new float[capacity * d];
    }
  }

  /** The decoder's input and the likelihood's buffers, for up to capacity rows. */
  private static final class DecoderWorkspace {
    final int capacity;
    final float[] input;     // (B, d + C) z ++ onehot(y), for a conditional model
    final float[] inputGrad; // (B, d + C)
    final float[] mean;      // (B, P) the likelihood's means
    final float[] work;      // (B, P) scratch of the likelihood
    final double[] nll;      // (B)
    int batch;

    DecoderWorkspace(int capacity, int p, int d, int c) {
      this.capacity = capacity;
      input = new float[c == 0 ? 0 : capacity * (d + c)];
      inputGrad = new float[c == 0 ? 0 : capacity * (d + c)];
      mean = new float[capacity * p];
      work = new float[capacity * p];
      nll = new double[capacity];
    }
  }
}
