package org.vae4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageSetTest {
  // Three images of 1x2 pixels.
  private final ImageSet set = new ImageSet(new byte[] {0, (byte) 255, 51, 102, (byte) 204, 1},
      new byte[] {7, 8, 9}, 3, 1, 2);

  @Test
  void writesTheBatchInTheGivenOrderScaledToOne() {
    float[] out = new float[6];

    set.toFloats(new int[] {5, 2, 0, 1}, 1, 3, out);

    assertThat(out).containsExactly(204 / 255f, 1 / 255f, 0f, 1f, 51 / 255f, 102 / 255f);
  }

  @Test
  void writesAPartOfABatchIntoItsRows() {
    float[] out = new float[6];

    set.toFloats(new int[] {5, 2, 0, 1}, 2, 2, out, 1);

    assertThat(out).containsExactly(0f, 0f, 0f, 1f, 51 / 255f, 102 / 255f);
  }

  @Test
  void firstIsAViewOfTheLeadingImages() {
    ImageSet two = set.first(2);

    assertThat(two.count()).isEqualTo(2);
    assertThat(two.label(1)).isEqualTo(8);
    assertThat(set.first(10)).isSameAs(set);
    assertThatThrownBy(() -> two.label(2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> two.toFloats(new int[] {2}, 0, 1, new float[2]))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void writesAContiguousRange() {
    float[] out = new float[4];

    set.toFloats(1, 2, out);

    assertThat(out).containsExactly(51 / 255f, 102 / 255f, 204 / 255f, 1 / 255f);
    assertThatThrownBy(() -> set.toFloats(2, 2, out)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void binarizedDrawsEachPixelOneWithProbabilityItsGreyValue() {
    int n = 20_000;
    byte[] bytes = new byte[n * 4];
    for (int i = 0; i < n; i++) {
      bytes[4 * i] = 0;
      bytes[4 * i + 1] = (byte) 51; // 0.2
      bytes[4 * i + 2] = (byte) 191; // 0.75
      bytes[4 * i + 3] = (byte) 255;
    }
    ImageSet grey = new ImageSet(bytes, new byte[n], n, 2, 2);

    ImageSet binary = grey.binarized(3);

    int[] ones = new int[4];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < 4; p++) {
        int v = binary.pixel(i, p);
        assertThat(v).isIn(0, 255);
        ones[p] += v / 255;
      }
    }
    assertThat(ones[0]).isZero();
    assertThat(ones[1] / (double) n).isBetween(0.19, 0.21); // 5 standard deviations
    assertThat(ones[2] / (double) n).isBetween(0.74, 0.76);
    assertThat(ones[3]).isEqualTo(n);
    assertThat(grey.binarized(3).pixel(123, 1)).isEqualTo(binary.pixel(123, 1));
    float[] a = new float[4 * n];
    float[] b = new float[4 * n];
    binary.toFloats(0, n, a);
    grey.binarized(4).toFloats(0, n, b);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void binarizationModesParseTheirOptionValues() {
    assertThat(Binarization.parse("dynamic")).isEqualTo(Binarization.DYNAMIC);
    assertThat(Binarization.STATIC.value()).isEqualTo("static");
    assertThatThrownBy(() -> Binarization.parse("yes"))
        .hasMessage("binarize must be none, dynamic or static, got 'yes'");
    assertThat(Binarization.NONE.testImages(set)).isSameAs(set);
    assertThat(Binarization.DYNAMIC.trainImages(set)).isSameAs(set);
    assertThat(Binarization.STATIC.trainImages(set).pixel(0, 1)).isEqualTo(255);
  }

  @Test
  void sha256NamesTheContent() {
    String digest = set.sha256();

    assertThat(digest).hasSize(64).matches("[0-9a-f]+");
    assertThat(new ImageSet(new byte[] {0, (byte) 255, 51, 102, (byte) 204, 1}, new byte[] {7, 8, 9}, 3, 1, 2)
        .sha256()).isEqualTo(digest);
    assertThat(new ImageSet(new byte[] {0, (byte) 255, 51, 102, (byte) 204, 2}, new byte[] {7, 8, 9}, 3, 1, 2)
        .sha256()).as("one pixel differs").isNotEqualTo(digest);
    assertThat(new ImageSet(new byte[] {0, (byte) 255, 51, 102, (byte) 204, 1}, new byte[] {7, 8, 0}, 3, 1, 2)
        .sha256()).as("one label differs").isNotEqualTo(digest);
    assertThat(new ImageSet(new byte[] {0, (byte) 255, 51, 102, (byte) 204, 1}, new byte[] {7, 8, 9}, 3, 2, 1)
        .sha256()).as("same bytes, other shape").isNotEqualTo(digest);
    assertThat(set.first(2).sha256()).as("a view of fewer images").isNotEqualTo(digest);
  }
}
