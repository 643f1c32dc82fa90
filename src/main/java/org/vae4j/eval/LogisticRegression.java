package org.vae4j.eval;

import java.util.Arrays;
import org.vae4j.nn.Parallel;

/**
 * Multinomial logistic (softmax) regression: p(y = c | x) = softmax(W x~ + b)_c over the classes 0 .. C-1
 * (C = the largest training label + 1), where x~ is x standardized with the training mean and standard
 * deviation of each feature (a constant feature is only centred). Fitting minimizes, in double,
 *
 * <pre>  (1/n) sum_i -log p(y_i | x_i) + (L2 / 2) ||W||^2</pre>
 *
 * <p>(the bias is not penalized) by full-batch L-BFGS (memory 10, backtracking line search from step 1),
 * starting from W = 0, b = 0, until the largest gradient component is below 1e-5 or after 500
 * iterations. The objective is convex, with one minimum up to a constant added to every bias (which
 * changes no probability). The loss is summed over fixed chunks of points in a fixed order, so the fit does
 * not depend on the number of threads: no randomness, the same bits every time. A prediction is the most
 * probable class (the lowest on a tie).
 */
public final class LogisticRegression {
  /** The L2 penalty on the weights, relative to the mean loss: weak, it only keeps separable data finite. */
  public static final double L2 = 1e-4;

  private static final int MAX_ITERATIONS = 500;
  private static final double GRADIENT_TOLERANCE = 1e-5;
  private static final int CHUNK = 1024; // points per partial sum of the loss, whatever the thread count

  private final double[] featureMean;  // (d)
  private final double[] featureScale; // (d) the standard deviation, 1 for a constant feature
  private final double[] theta;        // (C * d + C): W (C, d) row-major, then b (C)
  private final int d;
  private final int classes;
  private final int iterations;

  private LogisticRegression(double[] featureMean, double[] featureScale, double[] theta, int d, int classes,
      int iterations) {
    this.featureMean = featureMean;
    this.featureScale = featureScale;
    this.theta = theta;
    this.d = d;
    this.classes = classes;
    this.iterations = iterations;
  }

  // points: (n, d) row-major, labels: (n) >= 0
  public static LogisticRegression fit(float[] points, int n, int d, int[] labels, Parallel parallel) {
    Points.require(points, n, d, 1);
    int classes = Points.requireLabels(labels, n);
    double[] mean = Points.columnMeans(points, n, d);
    double[] scale = Points.columnVariances(points, n, d, mean);
    for (int j = 0; j < d; j++) {
      scale[j] = scale[j] > 0 ? Math.sqrt(scale[j]) : 1;
    }
    double[] x = standardize(points, n, d, mean, scale);
    Objective objective = new Objective(x, labels, n, d, classes, parallel);
    double[] theta = new double[classes * d + classes];
    int iterations = Lbfgs.minimize(objective, theta, MAX_ITERATIONS, GRADIENT_TOLERANCE);
    return new LogisticRegression(mean, scale, theta, d, classes, iterations);
  }

  /** The number of classes C. */
  public int classes() {
    return classes;
  }

  /** The L-BFGS iterations the fit took (500 means it stopped before the tolerance). */
  public int iterations() {
    return iterations;
  }

  // points: (m, d) row-major -> (m) the most probable class of each
  public int[] predict(float[] points, int m) {
    Points.require(points, m, d, 0);
    double[] x = standardize(points, m, d, featureMean, featureScale);
    double[] logits = new double[classes];
    int[] predicted = new int[m];
    for (int i = 0; i < m; i++) {
      logits(logits, theta, x, i, d, classes);
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (logits[c] > logits[best]) {
          best = c;
        }
      }
      predicted[i] = best;
    }
    return predicted;
  }

  // points: (m, d) row-major, labels: (m) -> the share of points predicted right
  public double accuracy(float[] points, int m, int[] labels) {
    Points.requireLabels(labels, m);
    return Points.accuracy(predict(points, m), labels);
  }

  // points: (n, d) -> (n, d) (x - mean) / scale in double
  private static double[] standardize(float[] points, int n, int d, double[] mean, double[] scale) {
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (points[i * d + j] - mean[j]) / scale[j];
      }
    }
    return x;
  }

  // logits: (C) = W x_i + b; theta: W (C, d) then b (C); x: (n, d)
  private static void logits(double[] logits, double[] theta, double[] x, int i, int d, int classes) {
    int biases = classes * d;
    for (int c = 0; c < classes; c++) {
      double s = theta[biases + c];
      for (int j = 0; j < d; j++) {
        s += theta[c * d + j] * x[i * d + j];
      }
      logits[c] = s;
    }
  }

  /** The penalized mean cross-entropy and its gradient with respect to theta (W (C, d), then b (C)). */
  static final class Objective implements Lbfgs.Function {
    private final double[] x;
    private final int[] labels;
    private final int n;
    private final int d;
    private final int classes;
    private final Parallel parallel;
    private final int chunks;
    private final double[] chunkLoss;     // (chunks)
    private final double[][] chunkGrads;  // (chunks, C * d + C)

    // x: (n, d) standardized points, labels: (n) in [0, classes)
    Objective(double[] x, int[] labels, int n, int d, int classes, Parallel parallel) {
      this.x = x;
      this.labels = labels;
      this.n = n;
      this.d = d;
      this.classes = classes;
      this.parallel = parallel;
      chunks = (n + CHUNK - 1) / CHUNK;
      chunkLoss = new double[chunks];
      chunkGrads = new double[chunks][classes * d + classes];
    }

    // theta, grad: (C * d + C); returns the objective at theta and writes its gradient into grad
    @Override
    public double evaluate(double[] theta, double[] grad) {
      parallel.forRange(chunks, 2, (from, to) -> {
        double[] logits = new double[classes];
        for (int chunk = from; chunk < to; chunk++) {
          chunkLoss[chunk] = addChunk(chunkGrads[chunk], logits, theta, chunk);
        }
      });
      Arrays.fill(grad, 0);
      double loss = 0;
      for (int chunk = 0; chunk < chunks; chunk++) { // in chunk order, so that the sum is always the same
        loss += chunkLoss[chunk];
        for (int p = 0; p < grad.length; p++) {
          grad[p] += chunkGrads[chunk][p];
        }
      }
      double penalty = 0;
      for (int p = 0; p < grad.length; p++) {
        grad[p] /= n;
      }
      for (int p = 0; p < classes * d; p++) {
        penalty += theta[p] * theta[p];
        grad[p] += L2 * theta[p];
      }
      return loss / n + 0.5 * L2 * penalty;
    }

    // grad: (C * d + C) overwritten with the chunk's summed gradient; returns its summed cross-entropy
    private double addChunk(double[] grad, double[] logits, double[] theta, int chunk) {
      Arrays.fill(grad, 0);
      int biases = classes * d;
      double loss = 0;
      for (int i = chunk * CHUNK, end = Math.min(n, i + CHUNK); i < end; i++) {
        logits(logits, theta, x, i, d, classes);
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
          max = Math.max(max, logits[c]);
        }
        int y = labels[i];
        loss -= logits[y] - max;
        double sum = 0;
        for (int c = 0; c < classes; c++) {
          logits[c] = Math.exp(logits[c] - max);
          sum += logits[c];
        }
        loss += Math.log(sum); // -log softmax_y = log sum_c exp(z_c - max) - (z_y - max)
        for (int c = 0; c < classes; c++) {
          double dz = logits[c] / sum - (c == y ? 1 : 0); // softmax - one-hot
          grad[biases + c] += dz;
          for (int j = 0; j < d; j++) {
            grad[c * d + j] += dz * x[i * d + j];
          }
        }
      }
      return loss;
    }
  }
}
