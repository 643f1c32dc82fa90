package org.vae4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.vae4j.model.ModelFile;
import org.vae4j.model.ModelSpec;
import org.vae4j.model.Vae;
import org.vae4j.model.VaeModel;
import org.vae4j.nn.ReferenceGemm;
import org.vae4j.nn.Rng;

/**
 * Decode throughput of one {@link VaeModel} shared by 1, 2 and 4 application threads, each decoding its own
 * batches of codes into its own array: the lab model's decoder (20 -> 512 -> 784). Images per second =
 * the score (calls per second, all threads together) x batch. The control runs the same thread counts on
 * arithmetic alone (no memory, no locks): how far the machine lets threads scale at the time of the run,
 * which on a shared machine may be not at all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"}) // for java-vector
public class DecodeBenchmark {
  @Param({"native", "java"})
  public String engine;

  /** Codes per call. */
  @Param({"64"})
  public int batch;

  private VaeModel model;

  /** Each thread's codes and images. */
  @State(Scope.Thread)
  public static class Codes {
    float[] z;
    float[] images;

    @Setup(Level.Trial)
    public void setUp(DecodeBenchmark shared) {
      z = new float[shared.batch * shared.model.latent()];
      new Rng(Thread.currentThread().getId()).fillGaussian(z, 0, z.length);
      images = new float[shared.batch * shared.model.pixels()];
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Vae vae = new Vae(ModelSpec.mlp(28, 28, 512, 20).architecture(), new ReferenceGemm());
    vae.init(new Rng(1));
    Path dir = Files.createTempDirectory("vae4j-decode-bench");
    Path file = dir.resolve(ModelFile.NAME);
    ModelFile.save(file, vae, new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode());
    model = VaeModel.load(file, engine, 4, new PrintStream(PrintStream.nullOutputStream()));
    try {
      Files.delete(file);
      Files.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    model.close();
  }

  @Benchmark
  @Threads(1)
  public float[] oneThread(Codes codes) {
    return decode(codes);
  }

  @Benchmark
  @Threads(2)
  public float[] twoThreads(Codes codes) {
    return decode(codes);
  }

  @Benchmark
  @Threads(4)
  public float[] fourThreads(Codes codes) {
    return decode(codes);
  }

  @Benchmark
  @Threads(1)
  public double controlOneThread() {
    return arithmetic();
  }

  @Benchmark
  @Threads(2)
  public double controlTwoThreads() {
    return arithmetic();
  }

  @Benchmark
  @Threads(4)
  public double controlFourThreads() {
    return arithmetic();
  }

  /** Square roots, about as long as one decode call: CPU alone. */
  private static double arithmetic() {
    double x = 0;
    for (int i = 0; i < 200_000; i++) {
      x += Math.sqrt(i);
    }
    return x;
  }

  private float[] decode(Codes codes) {
    model.decode(codes.z, null, batch, codes.images);
    return codes.images;
  }
}
