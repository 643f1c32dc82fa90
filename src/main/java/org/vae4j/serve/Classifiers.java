package org.vae4j.serve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.vae4j.model.DigitClassifier;
import org.vae4j.nn.Gemm;

/** The digit classifier, one copy per worker (its forward pass has a workspace), judging decoded images. */
final class Classifiers {
  private final Pool<DigitClassifier> pool;
  private final int classes;
  private final int input;

  Classifiers(DigitClassifier classifier, int copies, Supplier<Gemm> engine, long waitMillis) {
    List<DigitClassifier> list = new ArrayList<>();
    for (int i = 0; i < copies; i++) {
      DigitClassifier copy = new DigitClassifier(classifier.config(), engine.get());
      float[] values = classifier.parameters().values();
      System.arraycopy(values, 0, copy.parameters().values(), 0, values.length);
      list.add(copy);
    }
    this.pool = new Pool<>(list, waitMillis);
    this.classes = classifier.config().classes();
    this.input = classifier.config().input();
  }

  int input() {
    return input;
  }

  // images: (n, P) -> (n, C) class probabilities
  float[] probabilities(float[] images, int n) {
    return pool.with(c -> Arrays.copyOf(c.forward(images, n), n * classes));
  }

  int classes() {
    return classes;
  }
}
