package org.vae4j.cli;

import java.io.PrintStream;
import java.util.List;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.GemmEngines;
import org.vae4j.nn.GemmShape;
import org.vae4j.nn.Parallel;
import picocli.CommandLine.Option;

/** --engine and --threads, shared by the commands that multiply matrices. */
final class EngineOptions {
  @Option(names = "--engine", defaultValue = GemmEngines.AUTO, paramLabel = "auto|native|java",
      description = "Matrix product engine: native OpenBLAS, pure Java (java-vector on the Vector API where the JVM "
          + "has it, else java-autovec; both can be named), or auto (default: the faster of native and java here, "
          + "measured once and cached)")
  String engine;

  @Option(names = "--threads", paramLabel = "N", description = "Threads for matrix products (default: all cores)")
  int threads = Runtime.getRuntime().availableProcessors();

  /** The threads for element-wise work (and for the native engine's products). */
  Parallel parallel() {
    return parallel(threads);
  }

  /** As many threads as a stored run had. */
  Parallel parallel(int count) {
    return new Parallel(OptionChecks.requireThreads(count));
  }

  Gemm create(Parallel parallel, PrintStream log) {
    return GemmEngines.create(engine, parallel, log);
  }

  /** The engine; auto times the candidates on these products, a model's training step. */
  Gemm create(Parallel parallel, PrintStream log, List<GemmShape> products) {
    return create(engine, parallel, log, products);
  }

  /** The engine a stored run had, e.g. "java-vector". */
  Gemm create(String name, Parallel parallel, PrintStream log, List<GemmShape> products) {
    return GemmEngines.create(name, parallel, log, products);
  }
}
