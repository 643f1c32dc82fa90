package org.vae4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.nn.JavaGemm;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Rng;

/**
 * zeroGrad clears the gradients by letting the next backward write them: after it, whatever the gradient
 * block held (NaN here), a backward gives the bits of a model whose gradients were zero, step after step.
 * (That a backward without zeroGrad adds is the layers' contract: LayerGradientTest, WritingBackwardTest.)
 */
class ZeroGradTest {
  private static final int B = 6;

  @Test
  void theFirstBackwardAfterZeroGradGivesTheBitsOfZeroedGradients() {
    List<ModelSpec> specs = List.of(TestModels.mlp(784, 32, 4), TestModels.cvae(784, 32, 4, 10));
    List<ObjectiveSpec> objectives = List.of(ObjectiveSpec.NELBO, ObjectiveSpec.elbo(4, 0), ObjectiveSpec.iwae(3));
    try (Parallel two = new Parallel(2)) {
      for (ModelSpec spec : specs) {
        for (ObjectiveSpec objectiveSpec : objectives) {
          String what = spec.kind() + ", " + objectiveSpec.describe();
          float[] fresh = gradients(spec, objectiveSpec, two, false, 1);
          float[] cleared = gradients(spec, objectiveSpec, two, true, 1);
          assertThat(cleared).as(what).containsExactly(fresh);
          assertThat(gradients(spec, objectiveSpec, two, true, 2)).as(what + ", a second step").containsExactly(fresh);
        }
      }
    }
  }

  /**
   * The parameter gradients after backwards passes of one batch: on a new model (its gradients zero, no
   * zeroGrad), or after NaN was written into them and zeroGrad called, steps times over.
   */
  private static float[] gradients(ModelSpec spec, ObjectiveSpec objectiveSpec, Parallel parallel, boolean garbage,
                                   int steps) {
    Rng rng = new Rng(3);
    Vae vae = new Vae(spec.architecture(), new JavaGemm(2), parallel);
    vae.init(rng);
    Objective objective = objectiveSpec.create(vae);
    float[] x = new float[B * spec.input()];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextFloat();
    }
    int[] labels = new int[B];
    for (int b = 0; b < B; b++) {
      labels[b] = b % Math.max(1, spec.classes());
    }
    float[] eps = new float[B * objective.samples() * spec.latent()];
    rng.fillGaussian(eps, 0, eps.length);
    for (int i = 0; i < steps; i++) {
      objective.forward(x, labels, eps, B);
      if (garbage) {
        Arrays.fill(vae.parameters().grads(), Float.NaN);
        objective.zeroGrad();
      }
      objective.backward();
    }
    return vae.parameters().grads().clone();
  }
}
