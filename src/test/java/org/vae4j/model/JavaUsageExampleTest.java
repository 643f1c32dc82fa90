package org.vae4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.GemmEngines;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.ReferenceGemm;
import org.vae4j.nn.Rng;

/** The README's "Use it from Java" example, as written there but for the model's path. */
class JavaUsageExampleTest {
  @TempDir
  Path dir;

  @Test
  void decodesPriorSamplesAndEncodesThemBack() {
    Vae saved = new Vae(TestModels.mlp(784, 32, 4).architecture(), new ReferenceGemm());
    saved.init(new Rng(5));
    Path modelFile = dir.resolve("model.safetensors");
    ModelFile.save(modelFile, saved, TestModels.json("dataset", "mnist"));

    float[] copy;
    float[] mean;
    try (Parallel parallel = new Parallel(2)) {
      Gemm gemm = GemmEngines.create("auto", parallel, System.err);
      Vae vae = ModelFile.load(modelFile, gemm, parallel).vae();
      float[] z = new float[16 * vae.latent()];
      new Rng(1).fillGaussian(z, 0, z.length);
      float[] images = vae.decode(z, 16);
      copy = images.clone();
      mean = new float[16 * vae.latent()];
      float[] logvar = new float[16 * vae.latent()];
      vae.posterior(images, 16, mean, logvar);
    }

    float[] z = new float[16 * 4];
    new Rng(1).fillGaussian(z, 0, z.length);
    float[] expected = saved.decode(z, 16);
    assertThat(copy).hasSize(16 * 784);
    for (int i = 0; i < copy.length; i++) {
      assertThat(copy[i]).as("pixel %d", i).isBetween(0f, 1f).isCloseTo(expected[i], within(1e-5f));
    }
    float[] expectedMean = new float[16 * 4];
    saved.posterior(expected, 16, expectedMean, new float[16 * 4]);
    for (int i = 0; i < mean.length; i++) {
      assertThat(mean[i]).as("mean %d", i).isCloseTo(expectedMean[i], within(1e-4f));
    }
  }
}
