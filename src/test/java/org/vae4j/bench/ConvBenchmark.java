package org.vae4j.bench;

import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;
import org.vae4j.model.Architecture;
import org.vae4j.model.ModelSpec;
import org.vae4j.nn.ConvKernels;
import org.vae4j.nn.GemmEngines;
import org.vae4j.nn.Layer;
import org.vae4j.nn.LayerSpec;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Parameters;
import org.vae4j.nn.Rng;

/**
 * The conv VAE's convolution layers at batch 128: forward, backward (im2col, products per group of images,
 * col2im), and what they are made of: the plain direct loops (one thread), and im2col plus col2im of one
 * image's patch matrix alone. bench/jmh.sh ConvBenchmark -p layer=decoder.deconv2
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConvBenchmark {
  private static final int B = 128;

  @Param({"encoder.conv1", "encoder.conv2", "decoder.deconv1", "decoder.deconv2", "decoder.output"})
  public String layer;

  @Param({"java-vector", "native"})
  public String engine;

  @Param({"2"})
  public int threads;

  private Parallel parallel;
  private Layer bound;
  private float[] x;
  private float[] y;
  private float[] dy;
  private float[] dx;
  private float[] scratch;
  private Runnable patches;

  @Setup(Level.Trial)
  public void setUp() {
    Architecture a = new ModelSpec("conv", 28, 28, 0, 20, 16, List.of(32, 64)).architecture();
    LayerSpec spec = a.layers().stream().filter(l -> l.name().equals(layer)).findFirst().orElseThrow();
    Parameters.Builder layout = new Parameters.Builder();
    spec.declare(layout);
    Parameters params = layout.build();
    parallel = new Parallel(threads);
    bound = spec.bind(params, GemmEngines.create(engine, parallel, System.err), parallel);
    Rng rng = new Rng(1);
    bound.init(rng);
    x = GemmBenchmark.random(rng, B * spec.input().size());
    y = new float[B * spec.output().size()];
    dy = GemmBenchmark.random(rng, y.length);
    dx = layer.equals("encoder.conv1") ? null : new float[x.length]; // as in training
    scratch = new float[Math.toIntExact(bound.scratchSize(B))];
    int[] sizes = ConvKernels.sizes(spec);
    patches = ConvKernels.im2colAndCol2im(spec, GemmBenchmark.random(rng, sizes[1]), new float[sizes[0]]);
    bound.forward(y, x, B, scratch);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    parallel.close();
  }

  @Benchmark
  public float[] forward() {
    bound.forward(y, x, B, scratch);
    return y;
  }

  @Benchmark
  public float[] backward() {
    bound.backward(dx, dy, x, y, B, scratch);
    return dx;
  }

  /** The plain loops of the layer's reference, one thread: a direct convolution without blocking. */
  @Benchmark
  public float[] forwardDirect() {
    ConvKernels.forwardReference(bound, y, x, B);
    return y;
  }

  /** im2col and col2im of one image, times B: the copies the fast path adds to its products. */
  @Benchmark
  public void patchesOfABatch() {
    for (int b = 0; b < B; b++) {
      patches.run();
    }
  }
}
