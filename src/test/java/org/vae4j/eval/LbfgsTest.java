package org.vae4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** L-BFGS on functions with known minima. */
class LbfgsTest {
  @Test
  void findsTheMinimumOfRosenbrocksValley() {
    // f = (1 - a)^2 + 100 (b - a^2)^2, minimum 0 at (1, 1), from the classic start (-1.2, 1)
    Lbfgs.Function rosenbrock = (x, grad) -> {
      double a = x[0];
      double b = x[1];
      grad[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      grad[1] = 200 * (b - a * a);
      return (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a);
    };
    double[] x = {-1.2, 1};
    int iterations = Lbfgs.minimize(rosenbrock, x, 500, 1e-9);
    assertThat(iterations).isBetween(1, 200);
    assertThat(x).containsExactly(new double[] {1, 1}, offset(1e-7));
  }

  @Test
  void findsTheMinimumOfAnIllConditionedQuadratic() {
    // f = sum_i lambda_i (x_i - i)^2 / 2 with lambda from 1 to 1000, spread evenly in log scale: a hard
    // spectrum for a method that remembers 10 steps and takes step 1 when Armijo holds (seen: 331 iterations)
    int n = 50;
    Lbfgs.Function quadratic = (x, grad) -> {
      double f = 0;
      for (int i = 0; i < n; i++) {
        double lambda = Math.pow(10, 3.0 * i / (n - 1));
        grad[i] = lambda * (x[i] - i);
        f += 0.5 * lambda * (x[i] - i) * (x[i] - i);
      }
      return f;
    };
    double[] x = new double[n];
    int iterations = Lbfgs.minimize(quadratic, x, 1000, 1e-8);
    assertThat(iterations).isLessThan(1000);
    for (int i = 0; i < n; i++) {
      assertThat(x[i]).as("x[%d]", i).isCloseTo(i, offset(1e-8));
    }
  }

  @Test
  void stopsAtOnceAtAMinimum() {
    double[] x = {3};
    int iterations = Lbfgs.minimize((p, grad) -> {
      grad[0] = 2 * (p[0] - 3);
      return (p[0] - 3) * (p[0] - 3);
    }, x, 100, 1e-12);
    assertThat(iterations).isZero();
    assertThat(x[0]).isEqualTo(3);
  }
}
