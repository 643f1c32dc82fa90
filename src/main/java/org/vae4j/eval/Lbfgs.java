package org.vae4j.eval;

/**
 * Limited-memory BFGS (Nocedal and Wright, Numerical Optimization, algorithms 7.4 and 7.5) for a smooth
 * function of n variables: the quasi-Newton direction from the last 10 steps and gradient changes, then a
 * backtracking line search from step 1 until the Armijo condition holds. Deterministic.
 */
final class Lbfgs {
  private static final int MEMORY = 10;
  private static final double ARMIJO = 1e-4; // the share of the predicted decrease a step must achieve
  private static final double MIN_STEP = 1e-10;

  /** f and its gradient. */
  interface Function {
    // x, grad: (n); returns f(x) and writes its gradient into grad
    double evaluate(double[] x, double[] grad);
  }

  private Lbfgs() {}

  /**
   * Moves x, the start, to a minimizer: stops when the largest gradient component is at most tolerance,
   * after maxIterations, or when no step decreases f (round-off at the minimum). Returns the iterations.
   */
  // x: (n)
  static int minimize(Function f, double[] x, int maxIterations, double tolerance) {
    int size = x.length;
    double[][] s = new double[MEMORY][size]; // steps x_{k+1} - x_k, a ring
    double[][] y = new double[MEMORY][size]; // gradient changes
    double[] rho = new double[MEMORY];       // 1 / (s^T y)
    double[] alpha = new double[MEMORY];
    int stored = 0;  // pairs in the ring
    int newest = -1; // the slot of the newest pair
    double[] grad = new double[size];
    double[] nextGrad = new double[size];
    double[] next = new double[size];
    double[] direction = new double[size];
    double value = f.evaluate(x, grad);
    int iteration = 0;
    for (; iteration < maxIterations && maxAbs(grad) > tolerance; iteration++) {
      // two-loop recursion: direction = -H grad, H the inverse Hessian estimate with H_0 = gamma I
      for (int p = 0; p < size; p++) {
        direction[p] = -grad[p];
      }
      for (int h = 0; h < stored; h++) {
        int slot = Math.floorMod(newest - h, MEMORY);
        alpha[slot] = rho[slot] * dot(s[slot], direction);
        axpy(-alpha[slot], y[slot], direction);
      }
      double gamma = stored > 0 ? dot(s[newest], y[newest]) / dot(y[newest], y[newest])
          : 1 / Math.max(1, Math.sqrt(dot(grad, grad))); // the first step is at most 1 long
      for (int p = 0; p < size; p++) {
        direction[p] *= gamma;
      }
      for (int h = stored - 1; h >= 0; h--) {
        int slot = Math.floorMod(newest - h, MEMORY);
        double beta = rho[slot] * dot(y[slot], direction);
        axpy(alpha[slot] - beta, s[slot], direction);
      }
      double slope = dot(grad, direction);
      if (!(slope < 0)) { // not a descent direction: only round-off is left to gain
        break;
      }
      double step = 1;
      double nextValue;
      while (true) {
        for (int p = 0; p < size; p++) {
          next[p] = x[p] + step * direction[p];
        }
        nextValue = f.evaluate(next, nextGrad);
        if (nextValue <= value + ARMIJO * step * slope) {
          break;
        }
        step *= 0.5;
        if (step < MIN_STEP) {
          return iteration; // no decrease found: x is as good as round-off allows
        }
      }
      double sy = 0;
      double yy = 0;
      for (int p = 0; p < size; p++) {
        double ds = next[p] - x[p];
        double dg = nextGrad[p] - grad[p];
        sy += ds * dg;
        yy += dg * dg;
      }
      if (sy > 1e-12 * yy) { // positive curvature keeps H positive definite; a convex f always has it
        newest = (newest + 1) % MEMORY; // over the oldest pair once the ring is full
        for (int p = 0; p < size; p++) {
          s[newest][p] = next[p] - x[p];
          y[newest][p] = nextGrad[p] - grad[p];
        }
        rho[newest] = 1 / sy;
        stored = Math.min(stored + 1, MEMORY);
      }
      System.arraycopy(next, 0, x, 0, size);
      System.arraycopy(nextGrad, 0, grad, 0, size);
      value = nextValue;
    }
    return iteration;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int p = 0; p < a.length; p++) {
      s += a[p] * b[p];
    }
    return s;
  }

  // b += scale * a
  private static void axpy(double scale, double[] a, double[] b) {
    for (int p = 0; p < a.length; p++) {
      b[p] += scale * a[p];
    }
  }

  private static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
