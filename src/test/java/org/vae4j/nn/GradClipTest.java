package org.vae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** --clip: the global L2 norm over the whole gradient block, scaled as torch.nn.utils.clip_grad_norm_ does. */
class GradClipTest {
  private static Parameters withGrads(float... g) {
    Parameters.Builder b = new Parameters.Builder();
    b.add("a.weight", 1, 2);
    b.add("a.bias", g.length - 2);
    Parameters p = b.build();
    System.arraycopy(g, 0, p.grads(), 0, g.length);
    return p;
  }

  @Test
  void aNormAboveTheLimitIsScaledDownToItOverAllTensorsTogether() {
    Parameters p = withGrads(3, 0, 0, 4); // norm 5, spread over two tensors
    assertThat(p.clipGradNorm(1.0)).isEqualTo(5.0);
    assertThat(p.grads()).containsExactly(new float[] {0.6f, 0, 0, 0.8f}, within(1e-6f));
    assertThat(p.gradNorm()).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void aNormBelowTheLimitIsLeftAlone() {
    Parameters p = withGrads(3, 0, 0, 4);
    assertThat(p.clipGradNorm(10.0)).isEqualTo(5.0);
    assertThat(p.grads()).containsExactly(3, 0, 0, 4);
  }

  @Test
  void aNonFiniteNormIsReportedNotSpread() {
    Parameters p = withGrads(Float.NaN, 1, 0, 0);
    assertThat(p.clipGradNorm(1.0)).isNaN();
    assertThat(p.grads()[1]).isEqualTo(1f);
  }

  @Test
  void findsTheFirstNonFiniteParameterAndItsTensor() {
    Parameters p = withGrads(0, 0, 0, 0);
    assertThat(p.firstNonFinite()).isEqualTo(-1);
    p.values()[3] = Float.POSITIVE_INFINITY;
    assertThat(p.firstNonFinite()).isEqualTo(3);
    assertThat(p.tensorAt(3).name()).isEqualTo("a.bias");
  }
}
