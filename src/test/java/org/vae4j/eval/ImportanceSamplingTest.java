package org.vae4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.model.LatentGaussianModel;
import org.vae4j.model.Vae;
import org.vae4j.model.Elbo;
import org.vae4j.model.ImportanceWeights;
import org.vae4j.model.TestModels;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.ReferenceGemm;
import org.vae4j.nn.Rng;

/**
 * The estimator against a model whose log-likelihood is known in closed form: z ~ N(0, I_d),
 * x | z ~ N(W z + b, sigma^2 I_P), so p(x) = N(b, W W^T + sigma^2 I).
 */
class ImportanceSamplingTest {
  private static final int P = 6;
  private static final int D = 3;
  private static final double SIGMA = 0.5;

  @Test
  void withTheExactPosteriorEverySampleSizeGivesTheExactLogLikelihood() {
    // Orthogonal columns make the true posterior diagonal, so q can be exact: every weight equals p(x).
    LinearGaussian model = new LinearGaussian(orthogonalColumns(new Rng(3), new double[] {2.0, 1.0, 0.5}),
        1.0);
    float[] x = model.draw(new Rng(4), 50);

    for (int k : new int[] {1, 7, 100}) {
      ImportanceSampling.Estimate e = new ImportanceSampling(k, 64, new Rng(5)).estimate(model, images(x), 50);
      assertThat(e.logLikelihood()).as("K = %d", k).isCloseTo(model.exactLogLikelihood(x, 50), within(1e-4));
      assertThat(e.elbo()).as("K = %d", k).isCloseTo(model.exactLogLikelihood(x, 50), within(1e-4));
    }
  }

  @Test
  void eachImageGetsItsOwnExactLogLikelihoodAndTheirMeanIsTheSetsEstimate() {
    LinearGaussian model = new LinearGaussian(orthogonalColumns(new Rng(3), new double[] {2.0, 1.0, 0.5}),
        1.0);
    int n = 30;
    float[] x = model.draw(new Rng(4), n);
    double[] each = new double[n];
    new ImportanceSampling(7, 64, new Rng(5)).estimateEach(model, images(x), null, n,
        (i, e) -> each[i] = e.logLikelihood());
    for (int i = 0; i < n; i++) {
      double exact = model.exactLogLikelihood(java.util.Arrays.copyOfRange(x, i * P, (i + 1) * P), 1);
      assertThat(each[i]).as("image %d", i).isCloseTo(exact, within(1e-4));
    }

    LinearGaussian approximate = new LinearGaussian(randomMatrix(new Rng(6)), 1.5);
    double[] nll = new double[n];
    new ImportanceSampling(50, 64, new Rng(8)).estimateEach(approximate, images(x), null, n,
        (i, e) -> nll[i] = e.nll());
    double whole = new ImportanceSampling(50, 64, new Rng(8)).estimate(approximate, images(x), n).nll();
    assertThat(java.util.Arrays.stream(nll).average().orElseThrow()).isCloseTo(whole, within(1e-9));
  }

  @Test
  void withAnApproximatePosteriorTheBoundRisesTowardTheExactValueAndStaysBelowIt() {
    // Correlated columns: the true posterior is a full Gaussian, q only its (widened) diagonal.
    LinearGaussian model = new LinearGaussian(randomMatrix(new Rng(6)), 1.5);
    int n = 400;
    float[] x = model.draw(new Rng(7), n);
    double exact = model.exactLogLikelihood(x, n);

    ImportanceSampling.Estimate e = new ImportanceSampling(1000, new Rng(8)).estimate(model, images(x), n);

    List<ImportanceSampling.Bound> bounds = e.bounds();
    assertThat(bounds).extracting(ImportanceSampling.Bound::samples).containsExactly(1, 10, 100, 1000);
    double gap1 = exact - bounds.get(0).logLikelihood();
    assertThat(gap1).as("KL(q || p(z|x)) of the widened diagonal q").isGreaterThan(0.05);
    for (int i = 1; i < bounds.size(); i++) {
      double gap = exact - bounds.get(i).logLikelihood();
      double previous = exact - bounds.get(i - 1).logLikelihood();
      assertThat(gap).as("gap at K = %d (exact %.4f)", bounds.get(i).samples(), exact)
          .isLessThan(previous).isGreaterThan(-0.002);
    }
    assertThat(exact - e.logLikelihood()).isLessThan(gap1 / 20);
    assertThat(e.elbo()).isCloseTo(bounds.get(0).logLikelihood(), within(1e-9));
  }

  @Test
  void onAVaeTheMeanLogWeightMatchesTheNegativeElboAndTheBoundIsTighter() {
    int p = 16;
    int n = 40;
    Vae vae = new Vae(TestModels.mlp(p, 12, 3).architecture(), new ReferenceGemm());
    Elbo elbo = new Elbo(vae);
    vae.init(new Rng(1));
    float[] x = new float[n * p];
    Rng rng = new Rng(2);
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextFloat();
    }
    // The negative ELBO with analytic KL, averaged over many draws of eps.
    int draws = 400;
    double nelbo = 0;
    float[] eps = new float[n * 3];
    for (int s = 0; s < draws; s++) {
      rng.fillGaussian(eps, 0, eps.length);
      nelbo += elbo.forward(x, null, eps, n) / draws;
    }

    ImportanceSampling.Estimate e = new ImportanceSampling(400, new Rng(3))
        .estimate(vae, (from, count, out) -> System.arraycopy(x, from * p, out, 0, count * p), n);

    // The ELBO from the log-weights (Monte Carlo KL) agrees with the analytic-KL one.
    assertThat(-e.elbo()).isCloseTo(nelbo, within(0.02));
    assertThat(e.nll()).isLessThan(-e.elbo() - 0.01);
  }

  @Test
  void onAVaeTheEstimateIsTheSameOnThreadsAsWithTheImagesRepeated() {
    int p = 16;
    int n = 9;
    Vae vae = new Vae(TestModels.mlp(p, 12, 3).architecture(), new ReferenceGemm());
    vae.init(new Rng(1));
    float[] x = new float[n * p];
    Rng rng = new Rng(2);
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextFloat();
    }
    ImportanceSampling.Images images = (from, count, out) -> System.arraycopy(x, from * p, out, 0, count * p);
    // a model that cannot read an image's rows repeated: the images are copied for it
    LatentGaussianModel copying = new LatentGaussianModel() {
      public int latent() {
        return vae.latent();
      }

      public int input() {
        return vae.input();
      }

      public void posterior(float[] x, int[] labels, int batch, float[] mean, float[] logvar) {
        vae.posterior(x, labels, batch, mean, logvar);
      }

      public double[] reconstructionLoss(float[] z, float[] x, int[] labels, int batch) {
        return vae.reconstructionLoss(z, x, labels, batch);
      }
    };
    ImportanceSampling.Estimate copied = new ImportanceSampling(600, new Rng(3)).estimate(copying, images, n);
    try (Parallel two = new Parallel(2)) {
      Vae onThreads = vae.sharing(new ReferenceGemm(), two);
      ImportanceSampling.Estimate e = new ImportanceSampling(600, new Rng(3), two).estimate(onThreads, images, n);
      assertThat(e.logLikelihood()).isEqualTo(copied.logLikelihood());
      assertThat(e.bounds()).isEqualTo(copied.bounds());
    }
  }

  @Test
  void blockSizesArePowersOfTenDividingKThenK() {
    assertThat(ImportanceSampling.blockSizes(5000)).containsExactly(1, 10, 100, 1000, 5000);
    assertThat(ImportanceSampling.blockSizes(1000)).containsExactly(1, 10, 100, 1000);
    assertThat(ImportanceSampling.blockSizes(250)).containsExactly(1, 10, 250);
    assertThat(ImportanceSampling.blockSizes(1)).containsExactly(1);
  }

  @Test
  void logMeanExpIsStableFarFromZero() {
    double[] v = {-10_000, -10_000 + Math.log(3), 0};
    assertThat(ImportanceWeights.logMeanExp(v, 0, 2)).isCloseTo(-10_000 + Math.log(2), within(1e-9));
    assertThat(ImportanceWeights.logMeanExp(new double[] {800, 800}, 0, 2)).isCloseTo(800, within(1e-12));
    assertThat(ImportanceWeights.logMeanExp(new double[] {Double.NEGATIVE_INFINITY}, 0, 1))
        .isEqualTo(Double.NEGATIVE_INFINITY);
  }

  private static ImportanceSampling.Images images(float[] x) {
    return (from, n, out) -> System.arraycopy(x, from * P, out, 0, n * P);
  }

  /** (P, D) with orthogonal columns of the given lengths (Gram-Schmidt on random vectors). */
  private static double[][] orthogonalColumns(Rng rng, double[] lengths) {
    double[][] w = randomMatrix(rng);
    for (int j = 0; j < D; j++) {
      for (int k = 0; k < j; k++) {
        double dot = 0;
        for (int i = 0; i < P; i++) {
          dot += w[i][j] * w[i][k];
        }
        for (int i = 0; i < P; i++) {
          w[i][j] -= dot * w[i][k];
        }
      }
      double norm = 0;
      for (int i = 0; i < P; i++) {
        norm += w[i][j] * w[i][j];
      }
      for (int i = 0; i < P; i++) {
        w[i][j] /= Math.sqrt(norm);
      }
    }
    for (int i = 0; i < P; i++) {
      for (int j = 0; j < D; j++) {
        w[i][j] *= lengths[j];
      }
    }
    return w;
  }

  private static double[][] randomMatrix(Rng rng) {
    double[][] w = new double[P][D];
    for (double[] row : w) {
      for (int j = 0; j < D; j++) {
        row[j] = rng.uniform(1.5f);
      }
    }
    return w;
  }

  /** The linear-Gaussian model with q(z|x) = N(true posterior mean, widen * diagonal of its covariance). */
  private static final class LinearGaussian implements LatentGaussianModel {
    private final double[][] w; // (P, D)
    private final double[] b = new double[P];
    private final double[][] posteriorCov; // (D, D) = (I + W^T W / sigma^2)^-1, the same for every x
    private final double widen;
    private final double[] loss = new double[4096];

    LinearGaussian(double[][] w, double widen) {
      this.w = w;
      this.widen = widen;
      for (int i = 0; i < P; i++) {
        b[i] = 0.1 * i - 0.2;
      }
      double[][] precision = new double[D][D];
      for (int j = 0; j < D; j++) {
        for (int k = 0; k < D; k++) {
          double dot = 0;
          for (int i = 0; i < P; i++) {
            dot += w[i][j] * w[i][k];
          }
          precision[j][k] = (j == k ? 1 : 0) + dot / (SIGMA * SIGMA);
        }
      }
      posteriorCov = Linear.inverse(precision);
    }

    @Override
    public int latent() {
      return D;
    }

    @Override
    public int input() {
      return P;
    }

    @Override
    public void posterior(float[] x, int[] labels, int batch, float[] mean, float[] logvar) {
      for (int n = 0; n < batch; n++) {
        double[] wtr = new double[D]; // W^T (x - b) / sigma^2
        for (int j = 0; j < D; j++) {
          for (int i = 0; i < P; i++) {
            wtr[j] += w[i][j] * (x[n * P + i] - b[i]) / (SIGMA * SIGMA);
          }
        }
        for (int j = 0; j < D; j++) {
          double m = 0;
          for (int k = 0; k < D; k++) {
            m += posteriorCov[j][k] * wtr[k];
          }
          mean[n * D + j] = (float) m;
          logvar[n * D + j] = (float) Math.log(widen * posteriorCov[j][j]);
        }
      }
    }

    @Override
    public double[] reconstructionLoss(float[] z, float[] x, int[] labels, int batch) {
      for (int n = 0; n < batch; n++) {
        double sq = 0;
        for (int i = 0; i < P; i++) {
          double mu = b[i];
          for (int j = 0; j < D; j++) {
            mu += w[i][j] * z[n * D + j];
          }
          double r = x[n * P + i] - mu;
          sq += r * r;
        }
        loss[n] = 0.5 * sq / (SIGMA * SIGMA) + 0.5 * P * Math.log(2 * Math.PI * SIGMA * SIGMA);
      }
      return loss;
    }

    /** n draws of x from the model, (n, P). */
    float[] draw(Rng rng, int n) {
      float[] x = new float[n * P];
      float[] z = new float[D];
      float[] noise = new float[P];
      for (int s = 0; s < n; s++) {
        rng.fillGaussian(z, 0, D);
        rng.fillGaussian(noise, 0, P);
        for (int i = 0; i < P; i++) {
          double v = b[i] + SIGMA * noise[i];
          for (int j = 0; j < D; j++) {
            v += w[i][j] * z[j];
          }
          x[s * P + i] = (float) v;
        }
      }
      return x;
    }

    /** The mean over the n images of log N(x; b, W W^T + sigma^2 I), by Cholesky. */
    double exactLogLikelihood(float[] x, int n) {
      double[][] c = new double[P][P];
      for (int i = 0; i < P; i++) {
        for (int k = 0; k < P; k++) {
          double dot = 0;
          for (int j = 0; j < D; j++) {
            dot += w[i][j] * w[k][j];
          }
          c[i][k] = dot + (i == k ? SIGMA * SIGMA : 0);
        }
      }
      double[][] l = Linear.cholesky(c);
      double logDet = 0;
      for (int i = 0; i < P; i++) {
        logDet += 2 * Math.log(l[i][i]);
      }
      double total = 0;
      for (int s = 0; s < n; s++) {
        double[] y = new double[P]; // L y = x - b, so (x-b)^T C^-1 (x-b) = |y|^2
        double quad = 0;
        for (int i = 0; i < P; i++) {
          double v = x[s * P + i] - b[i];
          for (int k = 0; k < i; k++) {
            v -= l[i][k] * y[k];
          }
          y[i] = v / l[i][i];
          quad += y[i] * y[i];
        }
        total += -0.5 * (P * Math.log(2 * Math.PI) + logDet + quad);
      }
      return total / n;
    }
  }

  /** Small dense linear algebra for the closed forms. */
  private static final class Linear {
    static double[][] cholesky(double[][] a) {
      int n = a.length;
      double[][] l = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) {
          double s = a[i][j];
          for (int k = 0; k < j; k++) {
            s -= l[i][k] * l[j][k];
          }
          l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
        }
      }
      return l;
    }

    /** The inverse of a small symmetric positive-definite matrix, column by column through Cholesky. */
    static double[][] inverse(double[][] a) {
      int n = a.length;
      double[][] l = cholesky(a);
      double[][] inv = new double[n][n];
      for (int col = 0; col < n; col++) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
          double v = i == col ? 1 : 0;
          for (int k = 0; k < i; k++) {
            v -= l[i][k] * y[k];
          }
          y[i] = v / l[i][i];
        }
        for (int i = n - 1; i >= 0; i--) {
          double v = y[i];
          for (int k = i + 1; k < n; k++) {
            v -= l[k][i] * inv[k][col];
          }
          inv[i][col] = v / l[i][i];
        }
      }
      return inv;
    }
  }
}
