package org.vae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.vae4j.InvalidSetting;
import org.vae4j.UserError;
import org.vae4j.model.Architecture;
import org.vae4j.model.ModelSpec;
import org.vae4j.nn.CpuInfo;
import org.vae4j.nn.FmaPeak;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.GemmEngines;
import org.vae4j.nn.NativeGemm;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.VectorGemm;
import org.vae4j.train.MemoryNeed;
import org.vae4j.train.PeakMemory;
import org.vae4j.train.StepBenchmark;
import org.vae4j.viz.ImageFiles;
import org.vae4j.viz.SweepChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * vae4j bench: what the machine offers (vector width, OpenBLAS's kernel, the FMA peak), then training steps
 * per second and the GEMM bound measured in the same run; with --sweep, over hidden sizes and batches, as a
 * table and a chart.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Time training steps of the VAE on MNIST-shaped random images (no data needed): "
        + "images/s, GFLOP/s, and the share of the bound set by the step's matrix products alone, "
        + "measured in the same run; first the machine: vector width, OpenBLAS's kernel, the FMA peak; last each "
        + "layer kind's time, GFLOP/s and share of that peak."})
final class BenchCommand implements Callable<Integer> {
  private static final double SWEEP_FLOPS_PER_ROUND = 2e10; // about 0.1 s of steps per round and point

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

  @Option(names = "--sweep", description = "Time every hidden size of --sweep-hidden with every batch of "
      + "--sweep-batch (steps per round sized to about 0.1 s), and draw the result into --plot")
  boolean sweep;

  @Option(names = "--sweep-hidden", split = ",", defaultValue = "256,512,1024,2048,4096", paramLabel = "H[,H...]",
      description = "Hidden sizes of the sweep (default: ${DEFAULT-VALUE})")
  List<Integer> sweepHidden;

  @Option(names = "--sweep-batch", split = ",", defaultValue = "32,64,128,256,512,1024", paramLabel = "B[,B...]",
      description = "Batches of the sweep (default: ${DEFAULT-VALUE})")
  List<Integer> sweepBatch;

  @Option(names = "--plot", defaultValue = "bench-sweep.png", paramLabel = "FILE",
      description = "The sweep's chart, a PNG (default: ${DEFAULT-VALUE})")
  Path plot;

  @Mixin
  VerboseOption verbose;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    OptionChecks.requirePositive("--batch", batch);
    OptionChecks.requirePositive("--steps", steps);
    OptionChecks.requirePositive("--rounds", rounds);
    OptionChecks.requireThreads(threads);
    ModelChoice choice = model.choice();
    if (sweep) {
      sweepHidden.forEach(h -> OptionChecks.requirePositive("--sweep-hidden", h));
      sweepBatch.forEach(b -> OptionChecks.requirePositive("--sweep-batch", b));
      for (int h : sweepHidden) {
        for (int b : sweepBatch) {
          checkFitsHeap(choice, h, b); // before any timing, not an hour into the sweep
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Parallel parallel = new Parallel(threads)) {
      List<Gemm> gemms = new ArrayList<>();
      for (String name : engines) {
        gemms.add(GemmEngines.create(name, parallel, System.err)); // an engine that does not load fails here
      }
      double peak = machine(out, parallel);
      if (sweep) {
        sweep(out, parallel, gemms, choice);
      } else {
        steps(out, parallel, gemms, peak, choice);
      }
    }
    return 0;
  }

  /** Prints the machine's lines; returns the FMA peak in GFLOP/s (NaN without the Vector API). */
  private double machine(PrintWriter out, Parallel parallel) {
    CpuInfo cpu = CpuInfo.read();
    out.printf(Locale.ROOT, "machine: %s, %d cores (%s); %s %s%n", cpu.model(),
        Runtime.getRuntime().availableProcessors(), cpu.vectorFlags(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"));
    out.println("OpenBLAS kernel: " + openBlasKernel());
    if (!GemmEngines.vectorApi()) {
      out.println("vectors: no Vector API in this JVM (it needs --add-modules jdk.incubator.vector), so no FMA peak");
      return Double.NaN;
    }
    out.printf(Locale.ROOT, "vectors: %d-bit, the Vector API's preferred species (java-vector's tile: %s)%n",
        VectorGemm.vectorBits(), VectorGemm.tile());
    FmaPeak.Result peak = FmaPeak.measure(parallel, 5, 0.1);
    out.printf(Locale.ROOT, "FMA peak: %.0f GFLOP/s on %d threads, %.0f per core: a %.2f GHz clock at 2 FMA units"
            + " of %d floats (independent fma chains on registers, each thread timed on its own, Vector API, best of 5 "
            + "rounds of 0.1 s)%n",
        peak.gflops(), peak.threads(), peak.gflopsPerCore(), peak.impliedGhz(), peak.vectorBits() / 32);
    out.flush();
    return peak.gflops();
  }

  private static String openBlasKernel() {
    String name;
    try {
      name = NativeGemm.coreName();
    } catch (LinkageError | RuntimeException e) {
      return "none: OpenBLAS does not load here (" + e.getMessage() + ")";
    }
    Map<String, String> settings = new TreeMap<>();
    System.getenv().forEach((k, v) -> {
      if (k.startsWith("OPENBLAS_")) {
        settings.put(k, v);
      }
    });
    String coretype = System.getenv("OPENBLAS_CORETYPE");
    return name + (coretype == null ? ", chosen by OpenBLAS for this CPU"
        : ", forced by OPENBLAS_CORETYPE=" + coretype + " (unset it to let OpenBLAS choose)")
        + (settings.isEmpty() ? "" : "; " + settings);
  }

  private void steps(PrintWriter out, Parallel parallel, List<Gemm> gemms, double peak, ModelChoice choice) {
    ModelSpec config = mnistShaped(choice);
    out.printf(Locale.ROOT, "vae4j bench: %s VAE %s, objective %s, batch %d, %d threads, %d rounds of %d steps "
        + "(best round)%n", config.kind(), config.sizes(), choice.objective().describe(), batch, threads, rounds,
        steps);
    out.printf("%-12s %12s %10s %16s %10s %14s %13s%n", "engine", "images/s", "GFLOP/s", "GEMM-only img/s",
        "GFLOP/s", "of GEMM bound", "of FMA peak");
    double flopsPerImage = 0;
    List<StepBenchmark.Result> results = new ArrayList<>();
    for (Gemm gemm : gemms) {
      StepBenchmark.Result r = new StepBenchmark(config, choice.objective(), batch)
          .run(gemm, parallel, steps / 4 + 1, steps, rounds);
      out.printf(Locale.ROOT, "%-12s %12.0f %10.1f %16.0f %10.1f %13.0f%% %12s%n", gemm.name(),
          r.stepImagesPerSecond(), r.stepGflops(), r.gemmImagesPerSecond(), r.gemmGflops(),
          r.percentOfGemmBound(), Double.isNaN(peak) ? "-" : String.format(Locale.ROOT, "%.0f%%",
              100 * r.gemmGflops() / peak));
      out.flush();
      results.add(r);
      flopsPerImage = r.flopsPerImage();
    }
    out.printf(Locale.ROOT, "(%.2f MFLOP of matrix products per image and step; \"of FMA peak\": the GEMM-only"
        + " GFLOP/s; peak resident memory %.0f MiB)%n", flopsPerImage / 1e6, PeakMemory.mebibytes());
    out.printf(Locale.ROOT, "%nBy layer kind, forward and backward, in the best round (per step; GFLOP/s; share of"
        + " the FMA peak):%n");
    for (int e = 0; e < results.size(); e++) {
      StepBenchmark.Result r = results.get(e);
      double layers = 0;
      for (StepBenchmark.KindTime k : r.kinds()) {
        out.printf(Locale.ROOT, "%-12s %-16s %8.2f ms %8.1f GFLOP/s %8s%n", gemms.get(e).name(), k.kind(),
            k.secondsPerStep() * 1e3, k.gflops(), Double.isNaN(peak) ? "-"
                : String.format(Locale.ROOT, "%.0f%%", 100 * k.gflops() / peak));
        layers += k.secondsPerStep();
      }
      out.printf(Locale.ROOT, "%-12s %-16s %8.2f ms (the loss, sampling z, zeroing gradients, Adam)%n",
          gemms.get(e).name(), "the rest", (r.batch() / r.stepImagesPerSecond() - layers) * 1e3);
    }
  }

  private void sweep(PrintWriter out, Parallel parallel, List<Gemm> gemms, ModelChoice choice) {
    out.printf(Locale.ROOT, "vae4j bench --sweep: %s VAE 784-H-%d, %d threads, best of 2 rounds per point%n",
        choice.kind(), choice.latent(), threads);
    out.printf("%7s %6s %-12s %10s %14s %14s %10s%n", "hidden", "batch", "engine", "images/s", "GEMM-bound img/s",
        "of GEMM bound", "GFLOP/s");
    List<SweepChart.Point> points = new ArrayList<>();
    for (int h : sweepHidden) {
      ModelSpec config = mnistShaped(withHidden(choice, h));
      Architecture architecture = config.architecture();
      for (int b : sweepBatch) {
        double flopsPerStep = (double) b * architecture.trainingFlopsPerImage(choice.objective().k());
        int stepsPerRound = (int) Math.max(2, Math.min(200, Math.round(SWEEP_FLOPS_PER_ROUND / flopsPerStep)));
        for (Gemm gemm : gemms) {
          StepBenchmark.Result r;
          try {
            r = new StepBenchmark(config, choice.objective(), b)
                .run(gemm, parallel, stepsPerRound / 2 + 1, stepsPerRound, 2);
          } catch (OutOfMemoryError e) {
            throw new UserError(tooLarge(h, b, "ran out of heap"));
          }
          out.printf(Locale.ROOT, "%7d %6d %-12s %10.0f %16.0f %13.0f%% %10.1f%n", h, b, gemm.name(),
              r.stepImagesPerSecond(), r.gemmImagesPerSecond(), r.percentOfGemmBound(), r.stepGflops());
          out.flush();
          points.add(new SweepChart.Point(gemm.name(), h, b, r.stepImagesPerSecond(), r.gemmImagesPerSecond()));
        }
      }
    }
    ImageFiles.writePng(plot, SweepChart.draw(points, String.format(Locale.ROOT,
        "vae4j bench --sweep: 784-H-%d VAE on %s, %d threads", choice.latent(), CpuInfo.read().model(), threads)));
    out.println("wrote " + plot);
  }

  /** Refuses a sweep point whose model and step would not fit the heap, before anything runs. */
  private static void checkFitsHeap(ModelChoice choice, int h, int b) {
    try {
      MemoryNeed.check(mnistShaped(withHidden(choice, h)).architecture(), b, choice.objective().k(),
          MemoryNeed.availableHeap());
    } catch (InvalidSetting e) {
      throw new UserError(tooLarge(h, b, "does not fit: " + e.getMessage()));
    }
  }

  /** The chosen model for MNIST's 28 x 28 images and 10 classes. */
  private static ModelSpec mnistShaped(ModelChoice choice) {
    return choice.spec(28, 28, 10);
  }

  private static ModelChoice withHidden(ModelChoice choice, int hidden) {
    return new ModelChoice(choice.kind(), choice.latent(), hidden, choice.channels(), choice.objective());
  }

  private static String tooLarge(int h, int b, String why) {
    return "--sweep: hidden " + h + " with batch " + b + " " + why + " (give the JVM more with"
        + " VAE4J_JAVA_OPTS=-Xmx..., or sweep smaller sizes)";
  }
}
