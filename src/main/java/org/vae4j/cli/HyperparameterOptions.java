package org.vae4j.cli;

import picocli.CommandLine.Option;

/** --batch and --lr, shared by the commands that train. */
final class HyperparameterOptions {
  @Option(names = "--batch", defaultValue = "128", description = "Images per batch (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--lr", defaultValue = "1e-3", description = "Adam's learning rate (default: ${DEFAULT-VALUE})")
  double learningRate;
}
