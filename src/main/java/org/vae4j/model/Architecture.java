package org.vae4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vae4j.nn.GemmShape;
import org.vae4j.nn.LayerSpec;
import org.vae4j.nn.Parameters;
import org.vae4j.nn.Tensor;

/**
 * A VAE as declared by its kind: the encoder's layers (image, and the one-hot label when conditional, to a
 * hidden representation), the two heads giving the mean and log-variance of q(z | x), the decoder's layers
 * (z, and the label, to the likelihood's parameters), and the likelihood. The parameter layout, the FLOP
 * counts, the summary, the diagram and the layer list that other runtimes read all derive from this.
 */
public record Architecture(ModelSpec spec, List<LayerSpec> encoder, LayerSpec mean, LayerSpec logvar,
                           List<LayerSpec> decoder, Likelihood likelihood) {
  public Architecture {
    encoder = List.copyOf(encoder);
    decoder = List.copyOf(decoder);
    int c = spec.classes();
    int hidden = encoder.get(encoder.size() - 1).output().size();
    require(encoder.get(0).input().size() == spec.input() + c, encoder.get(0), "input", spec.input() + c);
    for (LayerSpec head : List.of(mean, logvar)) {
      require(head.input().size() == hidden, head, "input", hidden);
      require(head.output().size() == spec.latent(), head, "output", spec.latent());
    }
    require(decoder.get(0).input().size() == spec.latent() + c, decoder.get(0), "input", spec.latent() + c);
    LayerSpec last = decoder.get(decoder.size() - 1);
    require(last.output().size() == spec.input(), last, "output", spec.input());
  }

  private static void require(boolean ok, LayerSpec layer, String what, int size) {
    if (!ok) {
      throw new IllegalArgumentException(layer.name() + ": its " + what + " must have " + size + " values per image");
    }
  }

  /** Every layer in state_dict order: encoder, mean, logvar, decoder. */
  public List<LayerSpec> layers() {
    List<LayerSpec> all = new ArrayList<>(encoder);
    all.add(mean);
    all.add(logvar);
    all.addAll(decoder);
    return all;
  }

  /** The parameter tensors, named and shaped as in a PyTorch state_dict, laid out back to back. */
  public Parameters.Builder declare() {
    Parameters.Builder builder = new Parameters.Builder();
    layers().forEach(l -> l.declare(builder));
    return builder;
  }

  /** The parameter tensors without allocating them. */
  public List<Tensor> layout() {
    return declare().tensors();
  }

  public long parameterCount() {
    return layers().stream().mapToLong(LayerSpec::parameterCount).sum();
  }

  /** Forward FLOPs per image of encoding: the encoder's layers and both heads. */
  public long encoderFlopsPerImage() {
    return encoder.stream().mapToLong(LayerSpec::flopsPerImage).sum() + mean.flopsPerImage()
        + logvar.flopsPerImage();
  }

  /** Forward FLOPs per image of decoding one z. */
  public long decoderFlopsPerImage() {
    return decoder.stream().mapToLong(LayerSpec::flopsPerImage).sum();
  }

  /**
   * FLOPs per image of a training step with z samples per image: forward and the two products of backward
   * (the gradients of weights and of inputs) for every layer, except the input gradient of the first
   * encoder layer, which nothing needs.
   */
  public long trainingFlopsPerImage(int samples) {
    return 3 * encoderFlopsPerImage() - encoder.get(0).flopsPerImage() + 3L * samples * decoderFlopsPerImage();
  }

  /**
   * The matrix products of a training step on a batch with samples z per image, layer by layer: what the
   * engine chooser times. The first encoder layer's input gradient is not computed; the decoder's run on
   * batch x samples rows.
   */
  public List<GemmShape> trainingProducts(int batch, int samples) {
    List<GemmShape> calls = new ArrayList<>();
    for (int i = 0; i < encoder.size(); i++) {
      calls.addAll(encoder.get(i).products(batch, i > 0));
    }
    calls.addAll(mean.products(batch, true));
    calls.addAll(logvar.products(batch, true));
    for (LayerSpec l : decoder) {
      calls.addAll(l.products(batch * samples, true));
    }
    return calls;
  }

  /** The layers as JSON-ready values, in state_dict order: what other runtimes build the model from. */
  public List<Map<String, Object>> describe() {
    return layers().stream().map(LayerSpec::describe).toList();
  }

  public int latent() {
    return spec.latent();
  }

  public int input() {
    return spec.input();
  }

  /** C, the classes of the label it is conditioned on; 0 when it takes none. */
  public int classes() {
    return spec.classes();
  }

  public boolean conditional() {
    return spec.classes() > 0;
  }
}
