package org.vae4j.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vae4j.model.ModelSpec;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.GemmEngines;
import org.vae4j.nn.Parallel;
import org.vae4j.train.PeakMemory;
import org.vae4j.train.StepBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** vae4j bench: training steps per second, and the GEMM bound measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Time training steps of the VAE on MNIST-shaped random images (no data needed): "
        + "images/s, GFLOP/s, and the share of the bound set by the step's matrix products alone, "
        + "measured in the same run."})
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--engines", split = ",", defaultValue = "auto", paramLabel = "E[,E...]",
      description = "Engines to compare, e.g. native,java-vector,java-autovec (default: auto)")
  List<String> engines;

  @Option(names = "--threads", paramLabel = "N", description = "Threads for matrix products (default: all cores)")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--batch", defaultValue = "128", description = "Images per step (default: ${DEFAULT-VALUE})")
  int batch;

  @Mixin
  ModelOptions model;

  @Option(names = "--steps", defaultValue = "200", description = "Timed steps per round (default: ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--rounds", defaultValue = "3", description = "Rounds; the best counts (default: ${DEFAULT-VALUE})")
  int rounds;

  @Mixin
  VerboseOption verbose;

  @Override
  public Integer call() {
    OptionChecks.requirePositive("--batch", batch);
    OptionChecks.requirePositive("--steps", steps);
    OptionChecks.requirePositive("--rounds", rounds);
    OptionChecks.requireThreads(threads);
    ModelChoice choice = model.choice();
    ModelSpec spec = choice.spec(28, 28, 10); // MNIST's shape
    PrintStream out = System.out;
    out.printf(Locale.ROOT, "vae4j bench: %s VAE %s, objective %s, batch %d, %d threads, %d rounds of %d steps "
        + "(best round)%n", spec.kind(), spec.sizes(), choice.objective().describe(), batch, threads, rounds, steps);
    out.printf("%-12s %12s %10s %16s %10s %14s%n", "engine", "images/s", "GFLOP/s", "GEMM-only img/s",
        "GFLOP/s", "of GEMM bound");
    double flopsPerImage = 0;
    Parallel parallel = new Parallel(threads);
    for (String name : engines) {
      Gemm gemm = GemmEngines.create(name, parallel, System.err);
      StepBenchmark.Result r = new StepBenchmark(spec, choice.objective(), batch).run(gemm, parallel, steps / 4 + 1, steps, rounds);
      out.printf(Locale.ROOT, "%-12s %12.0f %10.1f %16.0f %10.1f %13.0f%%%n", gemm.name(),
          r.stepImagesPerSecond(), r.stepGflops(), r.gemmImagesPerSecond(), r.gemmGflops(),
          r.percentOfGemmBound());
      flopsPerImage = r.flopsPerImage();
    }
    out.printf(Locale.ROOT, "(%.2f MFLOP of matrix products per image and step; peak resident memory %.0f MiB)%n",
        flopsPerImage / 1e6, PeakMemory.mebibytes());
    return 0;
  }
}
