package org.vae4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.vae4j.nn.Parallel;

/** k-NN: perfect on separated clusters, chance on shuffled labels, its tie rules, and a plain sort. */
class NearestNeighboursTest {
  @Test
  void isPerfectOnSeparatedClusters() {
    int d = 8;
    Blobs train = Blobs.of(1, 2000, d, 10, 20, 1);
    Blobs test = Blobs.of(1, 500, d, 10, 20, 1); // the same centres: the seed draws them first
    NearestNeighbours knn = NearestNeighbours.fit(train.points, 2000, d, train.labels);
    assertThat(knn.accuracy(test.points, 500, test.labels, Parallel.SERIAL)).isEqualTo(1.0);
  }

  @Test
  void isAtChanceWhenTrainingLabelsAreShuffled() {
    // weakly clustered points, as in LogisticRegressionTest
    int d = 8;
    Blobs train = Blobs.of(2, 3000, d, 10, 0.2, 1);
    Blobs test = Blobs.of(2, 2000, d, 10, 0.2, 1);
    NearestNeighbours knn = NearestNeighbours.fit(train.points, 3000, d, train.shuffledLabels(3));
    assertThat(knn.accuracy(test.points, 2000, test.labels, Parallel.SERIAL)).isCloseTo(0.1, offset(0.03));
  }

  @Test
  void aTiedVoteGoesToTheTiedClassWithTheNearestNeighbour() {
    // 1-D, query at 0. k = 4: labels by distance 7, 3, 3, 7 -> 7 and 3 tie, 7 is nearer
    float[] line = {1, 2, 3, 4};
    NearestNeighbours four = NearestNeighbours.fit(line, 4, 1, new int[] {7, 3, 3, 7}, 4);
    assertThat(four.predict(new float[] {0}, 1, Parallel.SERIAL)).containsExactly(7);
    // k = 5: labels by distance 5, 3, 7, 3, 7 -> 3 and 7 tie; 5 is nearest but not tied; 3 is the nearer
    float[] five = {4, 1, 5, 2, 3}; // not in order of distance
    NearestNeighbours knn = NearestNeighbours.fit(five, 5, 1, new int[] {3, 5, 7, 3, 7});
    assertThat(knn.predict(new float[] {0}, 1, Parallel.SERIAL)).containsExactly(3);
  }

  @Test
  void atAnEqualDistanceTheEarlierTrainingPointRanksFirst() {
    float[] twoSides = {-1, 1};
    float[] query = {0};
    assertThat(NearestNeighbours.fit(twoSides, 2, 1, new int[] {4, 6}, 1).predict(query, 1, Parallel.SERIAL))
        .containsExactly(4);
    assertThat(NearestNeighbours.fit(twoSides, 2, 1, new int[] {6, 4}, 1).predict(query, 1, Parallel.SERIAL))
        .containsExactly(6);
    // k = 2: one vote each, so the rank decides, and the earlier point ranks first
    assertThat(NearestNeighbours.fit(twoSides, 2, 1, new int[] {4, 6}, 2).predict(query, 1, Parallel.SERIAL))
        .containsExactly(4);
  }

  @Test
  void agreesWithSortingAllDistances() {
    // overlapping clusters, so that votes are close; more training points than one block, and a partial block
    int d = 5;
    int n = 1300;
    int m = 300;
    Blobs train = Blobs.of(4, n, d, 6, 1, 1);
    Blobs test = Blobs.of(5, m, d, 6, 1, 1);
    int[] ks = {1, 4, 5, 9};
    int[][] predicted = new int[ks.length][];
    for (int i = 0; i < ks.length; i++) {
      predicted[i] = NearestNeighbours.fit(train.points, n, d, train.labels, ks[i]).predict(test.points, m,
          Parallel.SERIAL);
    }
    for (int q = 0; q < m; q++) {
      Integer[] order = byDistance(train, n, d, test.points, q);
      for (int i = 0; i < ks.length; i++) {
        assertThat(predicted[i][q]).as("query %d, k = %d", q, ks[i]).isEqualTo(vote(train.labels, order, ks[i]));
      }
    }
  }

  @Test
  void threadsDoNotChangeThePredictions() {
    int d = 6;
    Blobs train = Blobs.of(6, 1500, d, 10, 1, 1);
    Blobs test = Blobs.of(7, 700, d, 10, 1, 1);
    NearestNeighbours knn = NearestNeighbours.fit(train.points, 1500, d, train.labels);
    int[] serial = knn.predict(test.points, 700, Parallel.SERIAL);
    try (Parallel two = new Parallel(2)) {
      assertThat(knn.predict(test.points, 700, two)).containsExactly(serial);
    }
  }

  @Test
  void usesAllPointsWhenThereAreFewerThanK() {
    NearestNeighbours knn = NearestNeighbours.fit(new float[] {0, 10, 11}, 3, 1, new int[] {1, 2, 2});
    assertThat(knn.predict(new float[] {0, 11}, 2, Parallel.SERIAL)).containsExactly(2, 2);
  }

  @Test
  void refusesBadInputs() {
    NearestNeighbours knn = NearestNeighbours.fit(new float[] {0, 0, 1, 1}, 2, 2, new int[] {0, 1});
    assertThatThrownBy(() -> knn.predict(new float[3], 1, Parallel.SERIAL))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 values, got 3");
    assertThatThrownBy(() -> knn.accuracy(new float[2], 1, new int[2], Parallel.SERIAL))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 labels, got 2");
    assertThatThrownBy(() -> NearestNeighbours.fit(new float[2], 2, 1, new int[] {0, -1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    assertThatThrownBy(() -> NearestNeighbours.fit(new float[2], 2, 1, new int[] {0, 1}, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k must be");
  }

  // the rule written out: sort all points by (distance, index), take the first k, vote, break ties by rank
  private static Integer[] byDistance(Blobs train, int n, int d, float[] queries, int q) {
    double[] distance = new double[n];
    for (int t = 0; t < n; t++) {
      for (int j = 0; j < d; j++) {
        double diff = (double) train.points[t * d + j] - queries[q * d + j];
        distance[t] += diff * diff;
      }
    }
    Integer[] order = new Integer[n];
    Arrays.setAll(order, t -> t);
    Arrays.sort(order, Comparator.<Integer>comparingDouble(t -> distance[t]).thenComparing(t -> t));
    return order;
  }

  private static int vote(int[] labels, Integer[] order, int k) {
    int[] votes = new int[10];
    for (int r = 0; r < k; r++) {
      votes[labels[order[r]]]++;
    }
    int most = Arrays.stream(votes).max().getAsInt();
    for (int r = 0; ; r++) {
      if (votes[labels[order[r]]] == most) {
        return labels[order[r]];
      }
    }
  }
}
