package org.vae4j.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vae4j.model.ModelSpec;
import org.vae4j.nn.FmaPeak;
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
        + "measured in the same run; each layer kind's time, GFLOP/s and share of the machine's FMA peak, "
        + "measured by a loop of nothing but vector multiply-adds on every thread."})
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
    OptionChecks.requirePositive("--threads", threads);
    ModelChoice choice = model.choice();
    ModelSpec spec = choice.spec(28, 28, 10); // MNIST's shape
    PrintStream out = System.out;
    out.printf(Locale.ROOT, "vae4j bench: %s VAE %s, objective %s, batch %d, %d threads, %d rounds of %d steps "
        + "(best round)%n", spec.kind(), spec.sizes(), choice.objective().describe(), batch, threads, rounds, steps);
    out.printf("%-12s %12s %10s %16s %10s %14s%n", "engine", "images/s", "GFLOP/s", "GEMM-only img/s",
        "GFLOP/s", "of GEMM bound");
    double flopsPerImage = 0;
    Parallel parallel = new Parallel(threads);
    double peak = GemmEngines.vectorApi() && !GemmEngines.withoutC2() ? FmaPeak.gflops(parallel, 5) : Double.NaN;
    List<StepBenchmark.Result> results = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String name : engines) {
      Gemm gemm = GemmEngines.create(name, parallel, System.err);
      StepBenchmark.Result r = new StepBenchmark(spec, choice.objective(), batch).run(gemm, parallel, steps / 4 + 1, steps, rounds);
      out.printf(Locale.ROOT, "%-12s %12.0f %10.1f %16.0f %10.1f %13.0f%%%n", gemm.name(),
          r.stepImagesPerSecond(), r.stepGflops(), r.gemmImagesPerSecond(), r.gemmGflops(),
          r.percentOfGemmBound());
      results.add(r);
      names.add(gemm.name());
      flopsPerImage = r.flopsPerImage();
    }
    out.printf(Locale.ROOT, "(%.2f MFLOP of matrix products per image and step; peak resident memory %.0f MiB)%n",
        flopsPerImage / 1e6, PeakMemory.mebibytes());
    out.printf(Locale.ROOT, "%nBy layer kind, forward and backward of the best round (ms per step, GFLOP/s, share of the "
        + "FMA peak):%n");
    for (int e = 0; e < results.size(); e++) {
      StepBenchmark.Result r = results.get(e);
      double step = r.batch() / r.stepImagesPerSecond();
      double layers = 0;
      for (StepBenchmark.KindTime k : r.kinds()) {
        out.printf(Locale.ROOT, "%-12s %-16s %8.2f ms %8.1f GFLOP/s %6.0f%%%n", names.get(e), k.kind(),
            k.secondsPerStep() * 1e3, k.gflops(), 100 * k.gflops() / peak);
        layers += k.secondsPerStep();
      }
      out.printf(Locale.ROOT, "%-12s %-16s %8.2f ms (the loss, sampling z, zeroing gradients, Adam)%n", names.get(e),
          "the rest", (step - layers) * 1e3);
    }
    if (Double.isNaN(peak)) {
      out.println("FMA peak: not measured (it needs the Vector API's module and the JVM's optimizing compiler)");
    } else {
      // two FMA units per core, each a multiply-add (2 FLOPs) on every lane per cycle
      double flopsPerCycle = 2 * 2 * FmaPeak.lanes();
      out.printf(Locale.ROOT, "FMA peak: %.0f GFLOP/s, measured by %d thread%s running nothing but chains of %d-float "
              + "vector multiply-adds; with two FMA units per core (%.0f FLOPs per cycle) that is a clock of %.2f GHz%n",
          peak, threads, threads == 1 ? "" : "s", FmaPeak.lanes(), flopsPerCycle, peak / threads / flopsPerCycle);
    }
    return 0;
  }
}
