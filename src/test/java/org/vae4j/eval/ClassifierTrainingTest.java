package org.vae4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.Dataset;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.ReferenceGemm;

class ClassifierTrainingTest {
  /** Small enough for the plain reference GEMM. */
  static final ClassifierTraining.Settings TINY = new ClassifierTraining.Settings(32, 16, 8, 32, 3e-3, 0, 1);

  @TempDir
  Path dir;

  @Test
  @Timeout(10)
  void learnsASeparableSetAndIsReproducible() throws IOException {
    Dataset data = SyntheticDigits.make(dir, 600, 1);

    ClassifierTraining.Result first = ClassifierTraining.train(data.train(), data.test(), TINY,
        new ReferenceGemm(), Parallel.SERIAL);
    ClassifierTraining.Result again = ClassifierTraining.train(data.train(), data.test(), TINY,
        new ReferenceGemm(), Parallel.SERIAL);

    assertThat(first.testAccuracy()).isGreaterThanOrEqualTo(0.97);
    assertThat(first.seconds()).isLessThan(2.0);
    assertThat(again.classifier().parameters().values()).isEqualTo(first.classifier().parameters().values());
  }

  @Test
  void shiftedTrainingImagesTeachBarsInPlacesNeverSeen() throws IOException {
    Dataset data = SyntheticDigits.bars(dir, 1000, 2);
    ClassifierTraining.Settings unshifted = new ClassifierTraining.Settings(32, 16, 20, 32, 3e-3, 0, 1);
    ClassifierTraining.Settings shifted = new ClassifierTraining.Settings(32, 16, 20, 32, 3e-3, 2, 1);

    double without = ClassifierTraining.train(data.train(), data.test(), unshifted, new ReferenceGemm(),
        Parallel.SERIAL).testAccuracy();
    double with = ClassifierTraining.train(data.train(), data.test(), shifted, new ReferenceGemm(),
        Parallel.SERIAL).testAccuracy();

    // Without shifts, vertical bars 2 px out cross the rows where training had horizontal bars: all wrong.
    assertThat(without).isLessThan(0.5);
    assertThat(with).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void shiftMovesTheImageAndFillsWithZeros() {
    // two images of 2 rows x 3 cols; the second one is shifted
    float[] x = {9, 9, 9, 9, 9, 9, 1, 2, 3, 4, 5, 6};
    float[] scratch = new float[6];

    ClassifierTraining.shift(x, 1, 2, 3, 1, -1, scratch); // one down, one left

    assertThat(x).containsExactly(9, 9, 9, 9, 9, 9, 0, 0, 0, 2, 3, 0);
    ClassifierTraining.shift(x, 1, 2, 3, 0, 0, scratch);
    assertThat(x).containsExactly(9, 9, 9, 9, 9, 9, 0, 0, 0, 2, 3, 0);
    ClassifierTraining.shift(x, 0, 2, 3, -1, 2, scratch); // one up, two right
    assertThat(x).containsExactly(0, 0, 9, 0, 0, 0, 0, 0, 0, 2, 3, 0);
  }
}
