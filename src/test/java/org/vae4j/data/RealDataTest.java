package org.vae4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The real files: MNIST from -Dvae4j.mnist (the pom sets it), Fashion-MNIST from Debian's package. */
class RealDataTest {
  private final DatasetProvider provider = new DatasetProvider(
      new Environment(Map.of(), Path.of("no-home"), Duration.ofSeconds(1), Duration.ofSeconds(1)),
      new PrintStream(OutputStream.nullOutputStream()));

  @Test
  void readsMnist() {
    Path dir = Path.of(System.getProperty("vae4j.mnist", "../shared/data/mnist"));
    assumeTrue(Files.isDirectory(dir), "no MNIST folder at " + dir);

    Dataset mnist = provider.load(DatasetSpec.MNIST, dir);

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
    Path dir = Path.of(System.getProperty("vae4j.mnist", "../shared/data/mnist"));
    assumeTrue(Files.isDirectory(dir), "no MNIST folder at " + dir);

    for (String name : DatasetFolder.FILES) {
      assertThat(Sha256.ofContent(DatasetFolder.find(dir, name))).as(name)
          .isEqualTo(DatasetSpec.MNIST.sha256().get(name));
    }
  }

  @Test
  void debiansFashionMnistMatchesItsChecksums() throws IOException {
    Path dir = DatasetSpec.FASHION_MNIST.debianDir();
    assumeTrue(Files.isDirectory(dir), "dataset-fashion-mnist is not installed");

    for (String name : DatasetFolder.FILES) {
      assertThat(Sha256.ofContent(DatasetFolder.find(dir, name))).as(name)
          .isEqualTo(DatasetSpec.FASHION_MNIST.sha256().get(name));
    }
  }

  private static List<Integer> histogram(ImageSet set) {
    int[] counts = new int[10];
    for (int i = 0; i < set.count(); i++) {
      counts[set.label(i)]++;
    }
    return IntStream.of(counts).boxed().toList();
  }
}
