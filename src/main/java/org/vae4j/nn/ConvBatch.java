package org.vae4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * How a convolution layer works through a batch. Forward takes the images in groups of up to group()
 * images, one matrix product per group, the groups shared out among the threads. Backward cuts the batch
 * into SEGMENTS fixed runs of images, whatever the thread count, and works through each run group by group;
 * each run adds its parameter gradients into a slot of its own, and the slots are summed into the gradient
 * block in run order, so that the gradients do not depend on the thread count.
 *
 * <p>A group is as few images side by side as make a product of at least MIN_COLUMNS columns (n P), with
 * a patch matrix small enough to stay in a core's L2 cache between im2col, the product and col2im. Each
 * thread has its own single-threaded engine and its own scratch: the patch matrix (C k k, n P) and the
 * activations of the layer's other side (its input or output, (channels, n P)) of a group of n images, which
 * a group of one image does without: its activations are a matrix (channels, P) as they lie.
 *
 * <p>The scratch of a layer, for a batch of B: SEGMENTS slots of weight and bias gradients, then per
 * thread the patch matrix and the activations of a group.
 */
final class ConvBatch {
  /** Runs of the batch in backward: small enough that a thread the OS holds up does not hold up the others long. */
  static final int SEGMENTS = 16;
  /** Floats of a group's patch matrix at most (unless one image needs more): 512 KiB, half a Zen 5 core's L2. */
  private static final int GROUP_PATCH_FLOATS = 1 << 17;
  /** Images per group at most. */
  private static final int MAX_GROUP = 16;
  /** Columns of a product below which a kernel's tiles are mostly edges (32 floats wide with AVX-512). */
  private static final int MIN_COLUMNS = 256;

  private final int patchFloats; // per image: C k k x P
  private final int activationFloats; // per image: channels x P of the side that is permuted
  private final int weights; // floats of the weight tensor
  private final int gradSize; // floats of weight and bias
  private final int group;
  private final Gemm[] engines; // per thread

  /**
   * patchFloats (C k k P), positions (P) and activationFloats per image; the layer's weight and bias sizes;
   * gemm gives each of parallel's threads an engine of its own.
   */
  ConvBatch(int patchFloats, int positions, int activationFloats, int weights, int biases, Gemm gemm,
            Parallel parallel) {
    this.patchFloats = patchFloats;
    this.activationFloats = activationFloats;
    this.weights = weights;
    this.gradSize = weights + biases;
    this.group = groupSize(patchFloats, positions);
    this.engines = new Gemm[parallel.threads()];
    for (int t = 0; t < engines.length; t++) {
      engines[t] = gemm.singleThreaded();
    }
  }

  /** Images per group of a layer with patchFloats (C k k P) and positions (P) per image. */
  private static int groupSize(int patchFloats, int positions) {
    int wide = (MIN_COLUMNS + positions - 1) / positions;
    return Math.max(1, Math.min(Math.min(MAX_GROUP, wide), GROUP_PATCH_FLOATS / patchFloats));
  }

  /**
   * The matrix products of a training step on a batch of B, for a layer of patchFloats and positions per
   * image: forward's for each of its groups of n images, then backward's for each group of its runs, all of
   * them made on each thread's own engine.
   */
  static List<GemmShape> products(int batch, int patchFloats, int positions, IntFunction<List<GemmShape>> forward,
                                  IntFunction<List<GemmShape>> backward) {
    int group = Math.max(1, Math.min(groupSize(patchFloats, positions), batch));
    List<GemmShape> calls = new ArrayList<>();
    for (int from = 0; from < batch; from += group) {
      forward.apply(Math.min(group, batch - from)).forEach(c -> calls.add(c.onEachThread()));
    }
    for (int s = 0; s < SEGMENTS; s++) {
      int end = segmentStart(s + 1, batch);
      for (int from = segmentStart(s, batch); from < end; from += group) {
        backward.apply(Math.min(group, end - from)).forEach(c -> calls.add(c.onEachThread()));
      }
    }
    return List.copyOf(calls);
  }

  /** Images per group for a batch of B (fewer when B is smaller). */
  int group(int batch) {
    return Math.max(1, Math.min(group, batch));
  }

  /** Groups of forward for a batch of B. */
  int groups(int batch) {
    return (batch + group(batch) - 1) / group(batch);
  }

  /** The first image of run s of backward; run s is [start(s), start(s + 1)). */
  static int segmentStart(int segment, int batch) {
    return (int) ((long) batch * segment / SEGMENTS);
  }

  long scratchSize(int batch) {
    return (long) SEGMENTS * gradSize + (long) engines.length * threadFloats(batch);
  }

  /** The engine of thread t. */
  Gemm engine(int thread) {
    return engines[thread];
  }

  /** Where run s's gradient slot starts in the scratch: weight, then bias. */
  int slot(int segment) {
    return segment * gradSize;
  }

  /** Where thread t's patch matrix starts in the scratch: (C k k, group P). */
  int patches(int thread, int batch) {
    return SEGMENTS * gradSize + thread * threadFloats(batch);
  }

  /** Where thread t's activations start in the scratch: (channels, group P), after its patch matrix. */
  int activations(int thread, int batch) {
    return patches(thread, batch) + group(batch) * patchFloats;
  }

  private int threadFloats(int batch) {
    return group(batch) * patchFloats + (group(batch) == 1 ? 0 : group(batch) * activationFloats);
  }

  /**
   * grads at weight (the weight tensor) and at bias += the runs' slots, run by run in order; split over
   * parallel's threads by elements, so that each element sums in the same order whatever the split.
   */
  void reduce(float[] grads, int weight, int bias, float[] scratch, int batch, Parallel parallel) {
    parallel.forRange(gradSize, Parallel.GRAIN / SEGMENTS, (from, to) -> {
      for (int s = 0; s < SEGMENTS; s++) {
        if (segmentStart(s, batch) == segmentStart(s + 1, batch)) {
          continue; // an empty run wrote nothing
        }
        int slot = slot(s);
        for (int i = from; i < Math.min(to, weights); i++) {
          grads[weight + i] += scratch[slot + i];
        }
        for (int i = Math.max(from, weights); i < to; i++) {
          grads[bias + i - weights] += scratch[slot + i];
        }
      }
    });
  }

  // dst: (channels, n P) at dstOff <- images [from, from + n) of src: (B, channels, P), image by image
  static void gather(float[] dst, int dstOff, float[] src, int from, int n, int channels, int positions) {
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < channels; c++) {
        System.arraycopy(src, ((from + i) * channels + c) * positions, dst, dstOff + (c * n + i) * positions,
            positions);
      }
    }
  }

  // images [from, from + n) of dst: (B, channels, P) += src: (channels, n P) at srcOff
  static void scatterAdd(float[] dst, int from, int n, float[] src, int srcOff, int channels, int positions) {
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < channels; c++) {
        int to = ((from + i) * channels + c) * positions;
        int at = srcOff + (c * n + i) * positions;
        for (int p = 0; p < positions; p++) {
          dst[to + p] += src[at + p];
        }
      }
    }
  }
}
