package org.vae4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The real files: MNIST as {@link TestData} provides it, Fashion-MNIST from Debian's package. */
class RealDataTest {
  private final DatasetProvider provider = new DatasetProvider(
      new Environment(Map.of(), Path.of("no-home"), Duration.ofSeconds(1), Duration.ofSeconds(1)),
      new PrintStream(OutputStream.nullOutputStream()));

  @Test
  void readsMnist() {
    Dataset mnist = provider.load(DatasetSpec.MNIST, TestData.mnistDir());

    assertThat(mnist.train().count()).isEqualTo(60_000);
    assertThat(mnist.test().count()).isEqualTo(10_000);
    assertThat(mnist.train().rows()).isEqualTo(28);
    assertThat(mnist.train().cols()).isEqualTo(28);
    assertThat(mnist.train().label(0)).isEqualTo(5); // the well-known first digits
    assertThat(mnist.test().label(0)).isEqualTo(7);
    // Every digit has 9-11% of each set (from 5,421 fives to 6,742 ones in training).
    assertThat(histogram(mnist.train())).allSatisfy(n -> assertThat(n).isBetween(5_400, 6_800));
    assertThat(histogram(mnist.test())).allSatisfy(n -> assertThat(n).isBetween(890, 1_140));
  }

  @Test
  void mnistMatchesItsChecksums() throws IOException {
    Path dir = TestData.mnistDir();

    for (String name : DatasetFolder.FILES) {
      assertThat(Sha256.ofContent(DatasetFolder.find(dir, name))).as(name)
          .isEqualTo(DatasetSpec.MNIST.sha256().get(name));
    }
  }

  @Test
  void debiansFashionMnistMatchesItsChecksumsAndIsFoundWithoutHelp() throws IOException {
    Path dir = TestData.fashionMnistDir();

    for (String name : DatasetFolder.FILES) {
      assertThat(Sha256.ofContent(DatasetFolder.find(dir, name))).as(name)
          .isEqualTo(DatasetSpec.FASHION_MNIST.sha256().get(name));
    }
    Dataset fashion = provider.load(DatasetSpec.FASHION_MNIST, null); // no --data, no cache: the Debian folder
    assertThat(fashion.train().count()).isEqualTo(60_000);
    assertThat(fashion.test().count()).isEqualTo(10_000);
  }

  private static List<Integer> histogram(ImageSet set) {
    int[] counts = new int[10];
    for (int i = 0; i < set.count(); i++) {
      counts[set.label(i)]++;
    }
    return IntStream.of(counts).boxed().toList();
  }
}
