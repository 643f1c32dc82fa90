package org.vae4j.data;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the data sources take from this machine: environment variables (VAE4J_DATA, XDG_CACHE_HOME and HOME
 * for the cache, PATH to find npm), the JVM's home folder and the HTTP timeouts. Tests pass their own, so they never touch the real
 * home, network or npm.
 */
record Environment(Map<String, String> variables, Path home, Duration connectTimeout, Duration readTimeout) {

  static Environment system() {
    return new Environment(System.getenv(), Path.of(System.getProperty("user.home")),
        Duration.ofSeconds(15), Duration.ofSeconds(30));
  }

  /** The folder VAE4J_DATA names, or null. */
  Path dataDir() {
    String dir = variables.get("VAE4J_DATA");
    return dir == null || dir.isEmpty() ? null : Path.of(dir);
  }

  /** The dataset's folder in the {@link UserCache}. */
  Path cacheDir(String dataset) {
    return UserCache.folder(variables, home).resolve(dataset);
  }

  /** The npm executable on PATH, or null. */
  Path npm() {
    String path = variables.get("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path npm = Path.of(dir.isEmpty() ? "." : dir, "npm");
      if (Files.isRegularFile(npm) && Files.isExecutable(npm)) {
        return npm;
      }
    }
    return null;
  }
}
