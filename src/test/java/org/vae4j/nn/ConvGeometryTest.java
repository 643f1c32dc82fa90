package org.vae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * im2col and col2im, which gather each phase's base tap and shift it for the others, against the plain
 * versions that visit every tap, on every kernel, stride and padding up to 5, 3 and 3 over odd and even images,
 * for an image in the middle of a group (a row stride and an offset).
 */
class ConvGeometryTest {
  @Test
  void shiftedTapsMatchThePlainLoops() {
    Rng rng = new Rng(3);
    int checked = 0;
    for (ConvGeometry g : geometries()) {
      int group = 3;
      int ld = group * g.positions();
      int colOff = 5 + g.positions(); // the second image of the group, after 5 floats of something else
      float[] img = GradientCheck.random(rng, 2 * g.imageSize() + 7, 1f);
      float[] fast = GradientCheck.random(rng, colOff + g.patchSize() * ld, 1f);
      float[] plain = fast.clone();
      g.im2col(fast, colOff, ld, img, 7);
      g.im2colReference(plain, colOff, ld, img, 7);
      assertThat(fast).as(g + " im2col").containsExactly(plain);

      float[] col = GradientCheck.random(rng, fast.length, 1f);
      float[] imageFast = img.clone();
      float[] imagePlain = img.clone();
      g.col2im(imageFast, 7, col.clone(), colOff, ld);
      g.col2imReference(imagePlain, 7, col, colOff, ld);
      for (int i = 0; i < img.length; i++) {
        assertThat(imageFast[i]).as(g + " col2im [" + i + "]").isCloseTo(imagePlain[i], within(1e-5f));
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(200);
  }

  private static List<ConvGeometry> geometries() {
    List<ConvGeometry> all = new ArrayList<>();
    for (int k = 1; k <= 5; k++) {
      for (int s = 1; s <= 3; s++) {
        for (int p = 0; p <= 3; p++) {
          for (int[] hw : new int[][] {{7, 7}, {8, 6}, {5, 9}, {2, 3}}) {
            if (hw[0] + 2 * p >= k && hw[1] + 2 * p >= k) {
              all.add(ConvGeometry.over(new Shape(2, hw[0], hw[1]), k, s, p));
            }
          }
        }
      }
    }
    return all;
  }
}
