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
