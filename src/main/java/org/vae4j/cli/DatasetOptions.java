package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.vae4j.data.Dataset;
import org.vae4j.data.DatasetProvider;
import picocli.CommandLine.Option;

/** --dataset and --data, shared by the commands that train. */
final class DatasetOptions {
  @Option(names = "--dataset", defaultValue = "mnist", description = "mnist or fashion-mnist (default: ${DEFAULT-VALUE})")
  String name;

  @Option(names = "--data", paramLabel = "DIR", description = "Folder holding the four IDX files (.gz or raw); "
      + "otherwise $VAE4J_DATA, the user cache, the Debian package folder, a download")
  Path dir;

  Dataset load(PrintStream log) {
    return DatasetProvider.load(name, dir, log);
  }
}
