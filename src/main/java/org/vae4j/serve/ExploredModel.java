package org.vae4j.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.vae4j.data.ImageSet;
import org.vae4j.model.Vae;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Rng;
import org.vae4j.viz.LatentPlane;
import org.vae4j.viz.LatentSliders;

/**
 * One model being explored, with what the page shows about it computed once when it is opened: the test
 * images' posterior means and their plane (the latent map), the sliders' ranges, the training images'
 * means (the nearest neighbours of a drawing) and the test images' -ELBO and NLL (the percentiles of a
 * drawing's). Requests borrow a {@link ModelView} from its pool, so any number may run at once.
 */
final class ExploredModel {
  /** Nearest training images returned for an encoded image. */
  static final int NEIGHBOURS = 6;
  /** The seed of the samples of a score: the same image always gets the same numbers. */
  static final long SCORE_SEED = 2024;

  /**
   * How much is computed at start: the test images on the map, the training images searched for
   * neighbours, the test images scored for percentiles, and K, the samples of each score.
   */
  record Settings(int mapImages, int neighbourImages, int scoredImages, int scoreSamples) {
    static final Settings DEFAULT = new Settings(2000, 10_000, 500, 100);

    Settings {
      if (mapImages < 1 || neighbourImages < 1 || scoredImages < 1 || scoreSamples < 1) {
        throw new IllegalArgumentException("every count must be >= 1");
      }
    }
  }

  record Encoded(ModelView.Posterior posterior, double[] point, double[] ellipse, float[] reconstruction,
                 int[] neighbours, double[] distances) {}

  /** A score, and the share (in %) of scored test images with a lower -ELBO, a lower NLL. */
  record Scored(ModelView.Score score, double nelboPercentile, double nllPercentile) {}

  private final String id;
  private final Vae vae;
  private final Pool<ModelView> views;
  private final ImageSet test;
  private final ImageSet train;
  private final int d;
  private final float[] testMeans;  // (n, d)
  private final float[] trainMeans; // (m, d)
  private final LatentPlane plane;
  private final double[] nelbos;    // sorted, of the scored test images
  private final double[] nlls;      // sorted
  private final int scoreSamples;
  private final ObjectNode summary;
  private final Classifiers classifiers; // null: none for this model's images
  private final byte[] map;

  /**
   * Computes what the page needs of vae on its images (as the model saw them: binarized if it was trained
   * so); workers views of it answer requests, each with a single-threaded engine from engine.
   */
  ExploredModel(String id, Vae vae, ImageSet train, ImageSet test, ObjectNode facts, Classifiers classifiers,
                Settings settings, Supplier<Gemm> engine, int workers, long waitMillis) {
    this.id = id;
    this.classifiers = classifiers != null && classifiers.input() == vae.input() ? classifiers : null;
    this.vae = vae;
    this.d = vae.latent();
    this.test = test.first(Math.min(settings.mapImages(), test.count()));
    this.train = train.first(Math.min(settings.neighbourImages(), train.count()));
    this.scoreSamples = settings.scoreSamples();
    List<ModelView> list = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      list.add(new ModelView(vae.sharing(engine.get(), Parallel.SERIAL), settings.scoreSamples()));
    }
    this.views = new Pool<>(list, waitMillis);
    testMeans = means(this.test);
    trainMeans = means(this.train);
    plane = LatentPlane.of(testMeans, this.test.count(), d);
    int scored = Math.min(settings.scoredImages(), this.test.count());
    nelbos = new double[scored];
    nlls = new double[scored];
    IntStream.range(0, scored).parallel().forEach(i -> {
      ModelView.Score s = views.with(v -> v.score(testImage(i), testLabel(i), new Rng(SCORE_SEED + i)));
      nelbos[i] = s.nelbo();
      nlls[i] = s.nll();
    });
    Arrays.sort(nelbos);
    Arrays.sort(nlls);
    summary = facts.deepCopy();
    summary.put("id", id);
    summary.put("classifier", this.classifiers != null);
    map = mapJson();
  }

  // images -> (n, d) posterior means, in chunks spread over the views
  private float[] means(ImageSet images) {
    int n = images.count();
    int chunk = 250;
    float[] out = new float[n * d];
    IntStream.range(0, (n + chunk - 1) / chunk).parallel().forEach(c -> {
      int from = c * chunk;
      int b = Math.min(chunk, n - from);
      float[] x = new float[b * images.pixels()];
      images.toFloats(from, b, x);
      int[] labels = null;
      if (vae.conditional()) {
        labels = new int[b];
        images.labels(from, b, labels);
      }
      int[] y = labels;
      views.with(v -> {
        v.encodeMeans(x, y, b, out, from * d);
        return null;
      });
    });
    return out;
  }

  String id() {
    return id;
  }

  Vae vae() {
    return vae;
  }

  /** The digit classifier for this model's images; null when there is none. */
  Classifiers classifiers() {
    return classifiers;
  }

  ObjectNode summary() {
    return summary;
  }

  /** The latent map as JSON, made once: it is the same for every request. */
  byte[] map() {
    return map;
  }

  int testCount() {
    return test.count();
  }

  float[] testImage(int i) {
    float[] x = new float[test.pixels()];
    test.toFloats(i, 1, x);
    return x;
  }

  /** The label of test image i for a conditional model; -1 for one that takes none. */
  int testLabel(int i) {
    return vae.conditional() ? test.label(i) : -1;
  }

  int testDigit(int i) {
    return test.label(i);
  }

  float[] testMean(int i) {
    return Arrays.copyOfRange(testMeans, i * d, (i + 1) * d);
  }

  float[] trainImage(int i) {
    float[] x = new float[train.pixels()];
    train.toFloats(i, 1, x);
    return x;
  }

  int trainDigit(int i) {
    return train.label(i);
  }

  double[] project(float[] z) {
    return plane.project(z, 0);
  }

  // codes: (n, d), label or -1 -> (n, P)
  float[] decode(float[] codes, int n, int label) {
    return views.with(v -> v.decode(codes, n, label));
  }

  ModelView.Posterior posterior(float[] x, int label) {
    return views.with(v -> v.encode(x, label));
  }

  /** An image's posterior, where it lies on the map, its reconstruction (decoded mean) and neighbours. */
  Encoded encode(float[] x, int label) {
    return views.with(v -> {
      ModelView.Posterior q = v.encode(x, label);
      float[] reconstruction = v.decode(q.mean(), 1, label);
      int[] nearest = nearest(q.mean());
      double[] distances = new double[nearest.length];
      for (int k = 0; k < nearest.length; k++) {
        distances[k] = Math.sqrt(squaredDistance(q.mean(), nearest[k]));
      }
      return new Encoded(q, plane.project(q.mean(), 0), plane.ellipse(q.logvar()), reconstruction, nearest,
          distances);
    });
  }

  Scored score(float[] x, int label) {
    ModelView.Score s = views.with(v -> v.score(x, label, new Rng(SCORE_SEED)));
    return new Scored(s, percentile(nelbos, s.nelbo()), percentile(nlls, s.nll()));
  }

  /** The share (%) of sorted values below v. */
  static double percentile(double[] sorted, double v) {
    int below = 0;
    while (below < sorted.length && sorted[below] < v) {
      below++;
    }
    return 100.0 * below / sorted.length;
  }

  // z: (d) -> the training images whose means are closest, nearest first
  private int[] nearest(float[] z) {
    int m = train.count();
    int k = Math.min(NEIGHBOURS, m);
    int[] best = new int[k];
    double[] bestDistance = new double[k];
    Arrays.fill(bestDistance, Double.POSITIVE_INFINITY);
    for (int i = 0; i < m; i++) {
      double dist = squaredDistance(z, i);
      if (dist < bestDistance[k - 1]) {
        int at = k - 1;
        while (at > 0 && bestDistance[at - 1] > dist) {
          bestDistance[at] = bestDistance[at - 1];
          best[at] = best[at - 1];
          at--;
        }
        bestDistance[at] = dist;
        best[at] = i;
      }
    }
    return best;
  }

  private double squaredDistance(float[] z, int i) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      double diff = z[j] - trainMeans[i * d + j];
      s += diff * diff;
    }
    return s;
  }

  private byte[] mapJson() {
    ObjectNode m = Fields.JSON.createObjectNode();
    m.put("model", id);
    m.put("latent", d);
    m.put("classes", vae.classes());
    m.put("rows", vae.spec().rows());
    m.put("cols", vae.spec().cols());
    ObjectNode p = m.putObject("plane");
    p.put("principal", plane.principal());
    Json.putNumbers(p.putArray("origin"), plane.origin());
    ArrayNode axes = p.putArray("axes");
    Json.putNumbers(axes.addArray(), plane.axis(0));
    Json.putNumbers(axes.addArray(), plane.axis(1));
    int n = test.count();
    ObjectNode points = m.putObject("points");
    ArrayNode xs = points.putArray("x");
    ArrayNode ys = points.putArray("y");
    ArrayNode labels = points.putArray("digit");
    for (int i = 0; i < n; i++) {
      double[] xy = plane.project(testMeans, i);
      xs.add(Json.round(xy[0]));
      ys.add(Json.round(xy[1]));
      labels.add(test.label(i));
    }
    ArrayNode sliders = m.putArray("sliders");
    for (LatentSliders.Slider slider : LatentSliders.of(testMeans, n, d)) {
      ObjectNode s = sliders.addObject();
      s.put("dim", slider.dim());
      s.put("min", Json.round(slider.min()));
      s.put("max", Json.round(slider.max()));
    }
    ObjectNode scores = m.putObject("scores");
    scores.put("images", nelbos.length);
    scores.put("samples", scoreSamples);
    scores.put("medianNelbo", Json.round(nelbos[nelbos.length / 2]));
    scores.put("medianNll", Json.round(nlls[nlls.length / 2]));
    try {
      return Fields.JSON.writeValueAsBytes(m);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
