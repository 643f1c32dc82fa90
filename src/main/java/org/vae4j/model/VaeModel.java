package org.vae4j.model;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.GemmEngines;
import org.vae4j.nn.GaussianLatent;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Rng;

/**
 * A trained model for applications: loaded once, then used from any number of threads at the same time.
 * Each call borrows a worker, a view of the model ({@link Vae#sharing}) with its own workspaces and its own
 * single-threaded engine, computes in chunks of up to {@value #CHUNK} images, and gives the worker back; so
 * concurrent calls share nothing but the parameters, which nobody writes. At most {@link #workers()} calls
 * compute at once (by default one per core); further callers wait for a worker.
 *
 * <p>Images are (n, P) row-major grey levels x / 255 in [0, 1], codes (n, d). A conditional model takes each
 * image's label 0..C-1; for other models labels may be null. Results go into fresh arrays or, in the forms
 * taking output arrays, into the caller's; the inputs are only read. Every call runs on the calling thread.
 */
public final class VaeModel implements AutoCloseable {
  /** Images per step of a call: workspaces stay small however many images a call hands over. */
  public static final int CHUNK = 256;
  private final ModelSpec spec;
  private final List<String> classNames;
  private final String engine;
  private final int maxWorkers;
  private final BlockingQueue<Worker> idle = new LinkedBlockingQueue<>();
  private final List<Worker> all = new ArrayList<>(); // guarded by this
  private boolean closed; // guarded by this

  /** q(z | x) of n images: mean and logvar, (n, d) each. */
  public record Posterior(float[] mean, float[] logvar) {}

  private VaeModel(Worker first, List<String> classNames, int maxWorkers) {
    this.spec = first.vae.spec();
    this.classNames = List.copyOf(classNames);
    this.engine = first.gemm.name();
    this.maxWorkers = maxWorkers;
    all.add(first);
    idle.add(first);
  }

  /**
   * Loads a model file, or the model.safetensors of a run folder, with the fastest engine ("auto": native
   * where it loads, else pure Java, saying so on stderr) and one worker per core.
   */
  public static VaeModel load(Path path) {
    return load(path, GemmEngines.AUTO, Runtime.getRuntime().availableProcessors(), System.err);
  }

  /**
   * As above with the engine named as for --engine (auto, native, java, java-vector, java-autovec), at most
   * workers calls computing at once, and the engine's notes going to log. A damaged file is a one-line
   * UserError.
   */
  public static VaeModel load(Path path, String engine, int workers, PrintStream log) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    Path file = Files.isDirectory(path) ? path.resolve(ModelFile.NAME) : path;
    Parallel parallel = new Parallel(1);
    Gemm gemm = GemmEngines.create(engine, parallel, log);
    ModelFile.Loaded loaded = ModelFile.load(file, gemm, parallel);
    List<String> names = new ArrayList<>();
    loaded.config().path("class_names").forEach(name -> names.add(name.asText()));
    return new VaeModel(new Worker(loaded.vae(), gemm, parallel), names, workers);
  }

  public ModelSpec spec() {
    return spec;
  }

  /** d, the latent dimensions. */
  public int latent() {
    return spec.latent();
  }

  /** P, the pixels of an image: rows x cols. */
  public int pixels() {
    return spec.input();
  }

  public int rows() {
    return spec.rows();
  }

  public int cols() {
    return spec.cols();
  }

  /** C, the classes of the label a conditional model takes; 0 for others. */
  public int classes() {
    return spec.classes();
  }

  public boolean conditional() {
    return spec.classes() > 0;
  }

  /** The names of the classes, index = label, when the model was trained on a folder per class; else empty. */
  public List<String> classNames() {
    return classNames;
  }

  /** The engine's name, e.g. "native". */
  public String engine() {
    return engine;
  }

  /** The most calls that compute at once. */
  public int workers() {
    return maxWorkers;
  }

  // x: (n, P), labels: (n) or null -> the posterior of each image, in fresh arrays
  public Posterior encode(float[] x, int[] labels, int n) {
    Posterior q = new Posterior(new float[n * latent()], new float[n * latent()]);
    encode(x, labels, n, q.mean(), q.logvar());
    return q;
  }

  // x: (n, P), labels: (n) or null -> mean, logvar: (n, d) each, the caller's arrays
  public void encode(float[] x, int[] labels, int n, float[] mean, float[] logvar) {
    check(n, labels, x, pixels(), "x");
    checkOutput(mean, n * latent(), "mean");
    checkOutput(logvar, n * latent(), "logvar");
    run(w -> w.encode(x, labels, n, mean, logvar));
  }

  // z: (n, d), labels: (n) or null -> (n, P) the images of the codes (the likelihood's means), a fresh array
  public float[] decode(float[] z, int[] labels, int n) {
    float[] images = new float[n * pixels()];
    decode(z, labels, n, images);
    return images;
  }

  // z: (n, d), labels: (n) or null -> images: (n, P), the caller's array
  public void decode(float[] z, int[] labels, int n, float[] images) {
    check(n, labels, z, latent(), "z");
    checkOutput(images, n * pixels(), "images");
    run(w -> w.decode(z, labels, n, images));
  }

  // labels: (n) or null -> (n, P) the images of n codes z ~ N(0, I) drawn from Rng(seed), a fresh array
  public float[] sample(int n, int[] labels, long seed) {
    float[] z = new float[n * latent()];
    new Rng(seed).fillGaussian(z, 0, z.length);
    return decode(z, labels, n);
  }

  // x: (n, P), labels: (n) or null -> (n) each image's -ELBO in nats, one z drawn per image from Rng(seed)
  public double[] score(float[] x, int[] labels, int n, long seed) {
    double[] nelbo = new double[n];
    score(x, labels, n, seed, nelbo);
    return nelbo;
  }

  /**
   * x: (n, P), labels: (n) or null -> nelbo: (n), the caller's array: each image's negative ELBO,
   * -log p(x | z) + KL(q(z | x) || N(0, I)), with one z drawn per image (the eps from Rng(seed), image by
   * image, so a result does not depend on the chunking) and the KL analytic: the loss the model was trained on.
   */
  public void score(float[] x, int[] labels, int n, long seed, double[] nelbo) {
    check(n, labels, x, pixels(), "x");
    if (nelbo.length < n) {
      throw new IllegalArgumentException("nelbo holds " + nelbo.length + " values, " + n + " needed");
    }
    run(w -> w.score(x, labels, n, new Rng(seed), nelbo));
  }

  /** Frees the engines' threads; calls after it fail. */
  @Override
  public synchronized void close() {
    closed = true;
    for (Worker w : all) {
      w.close();
    }
  }

  private interface Job {
    void run(Worker w);
  }

  /** Runs job on a worker of its own: an idle one, a new one while fewer than workers exist, else the next freed. */
  private void run(Job job) {
    Worker w = idle.poll();
    if (w == null) {
      synchronized (this) {
        if (!closed && all.size() < maxWorkers) {
          Parallel parallel = new Parallel(1);
          Gemm gemm = GemmEngines.create(engine, parallel, System.err);
          w = new Worker(all.get(0).vae.sharing(gemm, parallel), gemm, parallel);
          all.add(w);
        }
      }
    }
    try {
      if (w == null) {
        w = idle.take();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a free worker of the model", e);
    }
    try {
      synchronized (this) {
        if (closed) {
          throw new IllegalStateException("the model is closed");
        }
      }
      job.run(w);
    } finally {
      idle.add(w);
    }
  }

  private void check(int n, int[] labels, float[] values, int width, String name) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be at least 0, got " + n);
    }
    if (values.length < (long) n * width) {
      throw new IllegalArgumentException(name + " holds " + values.length + " values, " + n + " x " + width
          + " needed");
    }
    if (conditional()) {
      Objects.requireNonNull(labels, "a conditional model needs each image's label");
      if (labels.length < n) {
        throw new IllegalArgumentException("labels holds " + labels.length + " values, " + n + " needed");
      }
      for (int i = 0; i < n; i++) {
        if (labels[i] < 0 || labels[i] >= classes()) {
          throw new IllegalArgumentException("label " + labels[i] + " of image " + i + " is outside 0.."
              + (classes() - 1));
        }
      }
    }
  }

  private static void checkOutput(float[] out, long size, String name) {
    if (out.length < size) {
      throw new IllegalArgumentException(name + " holds " + out.length + " values, " + size + " needed");
    }
  }

  /** A view of the model with its own workspaces, engine and chunk buffers: one call at a time. */
  private static final class Worker {
    final Vae vae;
    final Gemm gemm;
    final Parallel parallel;
    final int p;
    final int d;
    final float[] in;     // (CHUNK, max(P, d)) the chunk's images or codes
    final int[] y;        // (CHUNK) the chunk's labels
    final float[] eps;    // (CHUNK, d)
    final float[] z;      // (CHUNK, d)
    final float[] std;    // (CHUNK, d)
    final double[] kl;    // (CHUNK)

    Worker(Vae vae, Gemm gemm, Parallel parallel) {
      this.vae = vae;
      this.gemm = gemm;
      this.parallel = parallel;
      p = vae.input();
      d = vae.latent();
      in = new float[CHUNK * Math.max(p, d)];
      y = new int[CHUNK];
      eps = new float[CHUNK * d];
      z = new float[CHUNK * d];
      std = new float[CHUNK * d];
      kl = new double[CHUNK];
    }

    void encode(float[] x, int[] labels, int n, float[] mean, float[] logvar) {
      for (int from = 0; from < n; from += CHUNK) {
        int b = chunk(x, p, labels, from, n);
        vae.encode(in, labels == null ? null : y, b);
        System.arraycopy(vae.mean(), 0, mean, from * d, b * d);
        System.arraycopy(vae.logvar(), 0, logvar, from * d, b * d);
      }
    }

    void decode(float[] codes, int[] labels, int n, float[] images) {
      for (int from = 0; from < n; from += CHUNK) {
        int b = chunk(codes, d, labels, from, n);
        System.arraycopy(vae.decode(in, labels == null ? null : y, b), 0, images, from * p, b * p);
      }
    }

    void score(float[] x, int[] labels, int n, Rng rng, double[] nelbo) {
      for (int from = 0; from < n; from += CHUNK) {
        int b = chunk(x, p, labels, from, n);
        int[] chunkLabels = labels == null ? null : y;
        vae.encode(in, chunkLabels, b);
        rng.fillGaussian(eps, 0, b * d);
        GaussianLatent.reparameterize(z, std, vae.mean(), vae.logvar(), eps, b * d);
        GaussianLatent.kl(kl, vae.mean(), vae.logvar(), b, d);
        vae.decodeParameters(z, chunkLabels, b);
        double[] recon = vae.reconstructionLoss(in, b);
        for (int i = 0; i < b; i++) {
          nelbo[from + i] = recon[i] + kl[i];
        }
      }
    }

    /** Copies rows [from, from + b) of values (., width) and their labels into the chunk buffers; returns b. */
    private int chunk(float[] values, int width, int[] labels, int from, int n) {
      int b = Math.min(CHUNK, n - from);
      System.arraycopy(values, from * width, in, 0, b * width);
      if (labels != null) {
        System.arraycopy(labels, from, y, 0, b);
      }
      return b;
    }

    void close() {
      if (gemm instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          throw new IllegalStateException("closing the engine " + gemm.name() + ": " + e, e);
        }
      }
      parallel.close();
    }
  }
}
