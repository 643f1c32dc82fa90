package org.vae4j.nn;

import java.util.LinkedHashMap;
import java.util.Map;

/** A fully connected layer, torch.nn.Linear(in, out): weight (out, in), bias (out), then the activation. */
public record LinearSpec(String name, int in, int out, Activation activation) implements LayerSpec {
  public LinearSpec {
    if (in < 1 || out < 1) {
      throw new IllegalArgumentException(name + ": Linear needs positive sizes, got " + in + " -> " + out);
    }
  }

  @Override
  public String kind() {
    return "Linear";
  }

  @Override
  public Shape input() {
    return Shape.flat(in);
  }

  @Override
  public Shape output() {
    return Shape.flat(out);
  }

  @Override
  public void declare(Parameters.Builder params) {
    params.add(name + ".weight", out, in);
    params.add(name + ".bias", out);
  }

  @Override
  public long parameterCount() {
    return (long) in * out + out;
  }

  @Override
  public long flopsPerImage() {
    return 2L * in * out;
  }

  @Override
  public java.util.List<GemmShape> products(int batch, boolean inputGradient) {
    return GemmShape.linearStep(batch, in, out, inputGradient);
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("kind", kind());
    m.put("in_features", in);
    m.put("out_features", out);
    m.put("activation", activation.name().toLowerCase(java.util.Locale.ROOT));
    return m;
  }

  @Override
  public Linear bind(Parameters params, Gemm gemm, Parallel parallel) {
    return new Linear(params, name, activation, gemm, parallel);
  }
}
