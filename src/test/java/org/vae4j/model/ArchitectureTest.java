package org.vae4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.InvalidSetting;
import org.vae4j.nn.GemmShape;

/** What the declaration derives: products, FLOPs and parameters agree with each other and with the kinds. */
class ArchitectureTest {
  @Test
  void theLabModelsStepIsTheEnginesReferenceWorkload() {
    Architecture lab = ModelSpec.mlp(28, 28, 512, 20).architecture();
    assertThat(lab.trainingProducts(128, 1)).isEqualTo(GemmShape.LAB_VAE_STEP);
    double flops = lab.trainingProducts(128, 1).stream().mapToDouble(GemmShape::flops).sum();
    assertThat(128.0 * lab.trainingFlopsPerImage(1)).isEqualTo(flops);
    assertThat(lab.trainingFlopsPerImage(1)).isEqualTo(4_198_400); // the 4.20 MFLOP the README quotes
  }

  @Test
  void iwaeDecodesEverySampleAndTheConditionalModelTakesTheLabel() {
    Architecture lab = ModelSpec.mlp(28, 28, 512, 20).architecture();
    long decoder = lab.decoderFlopsPerImage();
    assertThat(lab.trainingFlopsPerImage(5) - lab.trainingFlopsPerImage(1)).isEqualTo(4 * 3 * decoder);
    List<GemmShape> iwae = lab.trainingProducts(128, 5);
    assertThat(iwae.get(iwae.size() - 1).m()).isEqualTo(128 * 5); // the decoder's input gradient, B K rows

    Architecture cvae = new ModelSpec("cvae", 28, 28, 10, 20, 512, List.of()).architecture();
    assertThat(cvae.encoder().get(0).input().size()).isEqualTo(794);
    assertThat(cvae.decoder().get(0).input().size()).isEqualTo(30);
    assertThat(cvae.parameterCount() - lab.parameterCount()).isEqualTo(2 * 10 * 512);
    assertThat(cvae.layout()).extracting(t -> t.name()).containsExactlyElementsOf(
        lab.layout().stream().map(t -> t.name()).toList());
  }

  @Test
  void kindsRefuseSizesTheyCannotTake() {
    assertThatThrownBy(() -> new ModelSpec("cvae", 28, 28, 0, 20, 512, List.of()).architecture())
        .isInstanceOf(InvalidSetting.class).hasMessage("classes must be at least 2 for a conditional model, got 0");
    assertThatThrownBy(() -> new ModelSpec("mlp", 28, 28, 0, 20, 512, List.of(32)).architecture())
        .isInstanceOf(InvalidSetting.class).hasMessageStartingWith("channels are for convolutional models");
    assertThatThrownBy(() -> new ModelSpec("gan", 28, 28, 0, 20, 512, List.of()))
        .isInstanceOf(InvalidSetting.class).hasMessage("kind must be one of mlp, cvae, conv, got 'gan'");
  }
}
