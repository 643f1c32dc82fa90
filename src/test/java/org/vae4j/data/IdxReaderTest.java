package org.vae4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vae4j.data.IdxFixtures.gzip;
import static org.vae4j.data.IdxFixtures.idx;
import static org.vae4j.data.IdxFixtures.images;
import static org.vae4j.data.IdxFixtures.labels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.UserError;

class IdxReaderTest {
  @TempDir Path dir;

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  @Test
  void readsRawAndGzipFilesOfAnySize() throws IOException {
    ImageSet raw = IdxReader.read(write("images", images(4)), write("labels", labels(4)));
    ImageSet gz = IdxReader.read(write("images.gz", gzip(images(4))), write("labels.gz", gzip(labels(4))));

    for (ImageSet set : new ImageSet[] {raw, gz}) {
      assertThat(set.count()).isEqualTo(4);
      assertThat(set.rows()).isEqualTo(3);
      assertThat(set.cols()).isEqualTo(5);
      assertThat(set.label(3)).isEqualTo(3);
      assertThat(set.pixel(2, 4)).isEqualTo(2 * 7 + 4);
    }
  }

  @Test
  void detectsGzipFromTheContentNotTheName() throws IOException {
    ImageSet set = IdxReader.read(write("images.gz", images(2)), write("labels", gzip(labels(2))));

    assertThat(set.count()).isEqualTo(2);
  }

  @Test
  void rejectsABadMagicNumber() throws IOException {
    Path labels = write("labels", labels(2));

    assertThatThrownBy(() -> IdxReader.read(labels, labels))
        .isInstanceOf(UserError.class)
        .hasMessage(labels + ": bad magic number 0x00000801 (IDX labels), expected 2051 (IDX images)");
  }

  @Test
  void rejectsAnotherDataTypeOrDimensionCount() throws IOException {
    Path floats = write("floats", idx(0x0D03, new int[] {1, 1, 1}, new byte[4]));
    Path twoDims = write("two-dims", idx(0x0802, new int[] {1, 1}, new byte[1]));
    Path labels = write("labels", labels(1));

    assertThatThrownBy(() -> IdxReader.read(floats, labels))
        .hasMessage(floats + ": bad magic number 0x00000D03, expected 2051 (IDX images)");
    assertThatThrownBy(() -> IdxReader.read(twoDims, labels))
        .hasMessage(twoDims + ": bad magic number 0x00000802, expected 2051 (IDX images)");
  }

  @Test
  void rejectsAnEmptyDimension() throws IOException {
    Path images = write("images", idx(0x0803, new int[] {2, 0, 5}, new byte[0]));

    assertThatThrownBy(() -> IdxReader.read(images, write("labels", labels(2))))
        .hasMessage(images + ": dimension 1 has size 0, expected at least 1");
  }

  @Test
  void rejectsMoreDataThanAnArrayHolds() throws IOException {
    Path images = write("images", idx(0x0803, new int[] {100_000, 200, 200}, new byte[0]));

    assertThatThrownBy(() -> IdxReader.read(images, write("labels", labels(2))))
        .hasMessage(images + ": the header announces more data than vae4j can hold");
  }

  /** Sizes are unsigned: a count that a signed int reads as negative is a huge count, and products are longs. */
  @Test
  void rejectsNegativeCountsAndSizesWhoseProductOverflowsAnInt() throws IOException {
    Path labels = write("labels", labels(2));
    Path minusOne = write("minus-one", idx(0x0803, new int[] {-1, 4, 4}, new byte[0]));
    Path minInt = write("min-int", idx(0x0803, new int[] {Integer.MIN_VALUE, 1, 1}, new byte[0]));
    Path overflow = write("overflow", idx(0x0803, new int[] {3, 1 << 30, 4}, new byte[0])); // 3 * 2^32: 0 as an int

    assertThatThrownBy(() -> IdxReader.read(minusOne, labels))
        .hasMessage(minusOne + ": dimension 0 has size 4294967295, expected at least 1");
    assertThatThrownBy(() -> IdxReader.read(minInt, labels))
        .hasMessage(minInt + ": dimension 0 has size 2147483648, expected at least 1");
    assertThatThrownBy(() -> IdxReader.read(overflow, labels))
        .hasMessage(overflow + ": the header announces more data than vae4j can hold");
  }

  /**
   * 2 GB announced, 16 bytes there: refused as truncated without allocating the 2 GB first (which the
   * tests' -Xmx2g could not even hold: the old reader failed here with an OutOfMemoryError).
   */
  @Test
  void aHugeAnnouncedSizeIsNotAllocatedBeforeTheDataArrives() throws IOException {
    Path images = write("images", idx(0x0803, new int[] {Integer.MAX_VALUE - 8, 1, 1}, new byte[16]));
    Path gz = write("images.gz", gzip(idx(0x0803, new int[] {Integer.MAX_VALUE - 8, 1, 1}, new byte[16])));
    Path labels = write("labels", labels(2));
    for (Path file : new Path[] {images, gz}) {
      assertThatThrownBy(() -> IdxReader.read(file, labels))
          .hasMessage(file + ": truncated: the header announces 2147483639 data bytes but only 16 follow");
    }
  }

  @Test
  void rejectsATruncatedFile() throws IOException {
    byte[] whole = images(2);
    Path images = write("images", Arrays.copyOf(whole, whole.length - 1));
    Path header = write("header", Arrays.copyOf(whole, 10));
    Path labels = write("labels", labels(2));

    assertThatThrownBy(() -> IdxReader.read(images, labels))
        .hasMessage(images + ": truncated: the header announces 30 data bytes but only 29 follow");
    assertThatThrownBy(() -> IdxReader.read(header, labels))
        .hasMessage(header + ": truncated: the file ends inside the IDX header");
  }

  @Test
  void rejectsTrailingData() throws IOException {
    byte[] whole = labels(2);
    Path labels = write("labels.gz", gzip(Arrays.copyOf(whole, whole.length + 3)));

    assertThatThrownBy(() -> IdxReader.read(write("images", images(2)), labels))
        .hasMessage(labels + ": trailing data after the 2 bytes the header announces");
  }

  @Test
  void rejectsATruncatedGzipFile() throws IOException {
    byte[] gz = gzip(images(100));
    Path images = write("images.gz", Arrays.copyOf(gz, gz.length / 2));

    assertThatThrownBy(() -> IdxReader.read(images, write("labels", labels(100))))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith(images + ": truncated or corrupt gzip data (");
  }

  @Test
  void rejectsCountsThatDisagree() throws IOException {
    Path images = write("images", images(3));
    Path labels = write("labels", labels(2));

    assertThatThrownBy(() -> IdxReader.read(images, labels))
        .hasMessage(labels + ": 2 labels, but " + images + " holds 3 images");
  }

  @Test
  void rejectsLabelsOutsideZeroToNine() throws IOException {
    Path labels = write("labels", idx(0x0801, new int[] {2}, new byte[] {9, 10}));

    assertThatThrownBy(() -> IdxReader.read(write("images", images(2)), labels))
        .hasMessage(labels + ": label 10 at index 1 is outside 0..9");
  }

  @Test
  void namesAMissingFile() {
    Path absent = dir.resolve("absent");

    assertThatThrownBy(() -> IdxReader.read(absent, absent)).hasMessage(absent + ": no such file");
  }
}
