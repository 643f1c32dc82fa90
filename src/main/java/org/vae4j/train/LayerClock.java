package org.vae4j.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vae4j.model.Architecture;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Layer;
import org.vae4j.nn.LayerSpec;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Parameters;
import org.vae4j.nn.Shape;

/**
 * Times a model's layers by kind (Linear, Conv2d, ...): wraps each layer of an architecture so that its
 * forward and backward add their wall time and their FLOPs (forward 1x, backward 2x its forward's, 1x
 * without an input gradient) to their kind's account. A few tens of nanoseconds per call.
 */
final class LayerClock {
  /** One kind's account: nanoseconds and FLOPs since the last reset. */
  static final class Account {
    long nanos;
    double flops;
  }

  private final Map<String, Account> accounts = new LinkedHashMap<>();

  /** The architecture with every layer timed into this clock. */
  Architecture timed(Architecture a) {
    return new Architecture(a.spec(), a.encoder().stream().map(this::timed).toList(), timed(a.mean()),
        timed(a.logvar()), a.decoder().stream().map(this::timed).toList(), a.likelihood());
  }

  Map<String, Account> accounts() {
    return accounts;
  }

  void reset() {
    accounts.values().forEach(a -> {
      a.nanos = 0;
      a.flops = 0;
    });
  }

  private LayerSpec timed(LayerSpec spec) {
    return new TimedSpec(spec, accounts.computeIfAbsent(spec.kind(), k -> new Account()));
  }

  /** A layer declared as spec, computing as spec's, timed into account. */
  private record TimedSpec(LayerSpec spec, Account account) implements LayerSpec {
    @Override
    public String name() {
      return spec.name();
    }

    @Override
    public String kind() {
      return spec.kind();
    }

    @Override
    public Shape input() {
      return spec.input();
    }

    @Override
    public Shape output() {
      return spec.output();
    }

    @Override
    public org.vae4j.nn.Activation activation() {
      return spec.activation();
    }

    @Override
    public void declare(Parameters.Builder params) {
      spec.declare(params);
    }

    @Override
    public long parameterCount() {
      return spec.parameterCount();
    }

    @Override
    public long flopsPerImage() {
      return spec.flopsPerImage();
    }

    @Override
    public List<org.vae4j.nn.GemmShape> products(int batch, boolean inputGradient) {
      return spec.products(batch, inputGradient);
    }

    @Override
    public Map<String, Object> describe() {
      return spec.describe();
    }

    @Override
    public Layer bind(Parameters params, Gemm gemm, Parallel parallel) {
      Layer layer = spec.bind(params, gemm, parallel);
      long flops = spec.flopsPerImage();
      return new Layer() {
        @Override
        public void init(org.vae4j.nn.Rng rng) {
          layer.init(rng);
        }

        @Override
        public long scratchSize(int batch) {
          return layer.scratchSize(batch);
        }

        @Override
        public void forward(float[] y, float[] x, int batch, float[] scratch) {
          long start = System.nanoTime();
          layer.forward(y, x, batch, scratch);
          account.nanos += System.nanoTime() - start;
          account.flops += (double) flops * batch;
        }

        @Override
        public void backward(float[] dx, float[] dy, float[] x, float[] y, int batch, float[] scratch) {
          long start = System.nanoTime();
          layer.backward(dx, dy, x, y, batch, scratch);
          account.nanos += System.nanoTime() - start;
          account.flops += (dx == null ? 1.0 : 2.0) * flops * batch;
        }

        @Override
        public boolean backward(float[] dx, float[] dy, float[] x, float[] y, int batch, float[] scratch,
                                boolean addParams, boolean addDx) {
          long start = System.nanoTime();
          boolean done = layer.backward(dx, dy, x, y, batch, scratch, addParams, addDx);
          if (done) {
            account.nanos += System.nanoTime() - start;
            account.flops += (dx == null ? 1.0 : 2.0) * flops * batch;
          }
          return done;
        }
      };
    }
  }

  /** The kinds in the order first bound. */
  List<String> kinds() {
    return List.copyOf(accounts.keySet());
  }
}
