package org.vae4j.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ROC and histogram figures: their size, and each curve drawn in its colour where it must be. */
class AnomalyFiguresTest {
  @Test
  void aPerfectRocCurveRunsUpTheLeftEdgeAndAChanceOneAlongTheDiagonal() {
    BufferedImage image = RocFigure.draw("test", List.of(
        new RocFigure.Curve("perfect", new double[] {0, 0, 1}, new double[] {0, 1, 1}),
        new RocFigure.Curve("chance", new double[] {0, 1}, new double[] {0, 1})));
    assertThat(image.getWidth()).isEqualTo(RocFigure.WIDTH);
    assertThat(image.getHeight()).isEqualTo(RocFigure.HEIGHT);
    Plot plot = new Plot(80, 44, RocFigure.WIDTH - 110, RocFigure.HEIGHT - 120, 0, 1, 0, 1);
    // The perfect curve along the top edge, at x = 0.5; the chance curve at (0.3, 0.3).
    assertThat(near(image, (int) plot.px(0.5), (int) plot.py(1), Plot.PALETTE[0])).isTrue();
    assertThat(near(image, (int) plot.px(0.3), (int) plot.py(0.3), Plot.PALETTE[1])).isTrue();
    assertThat(near(image, (int) plot.px(0.5), (int) plot.py(0.2), Plot.PALETTE[0])).isFalse();
  }

  @Test
  void histogramsOfTwoSetsShowBothWhereTheirValuesLie() {
    double[] low = new double[200];
    double[] high = new double[200];
    for (int i = 0; i < 200; i++) {
      low[i] = 10 + i % 20;
      high[i] = 100 + i % 20;
    }
    BufferedImage image = ScoreHistogramFigure.draw("test", "score", List.of(
        new ScoreHistogramFigure.Series("low", low), new ScoreHistogramFigure.Series("high", high)));
    assertThat(image.getWidth()).isEqualTo(ScoreHistogramFigure.WIDTH);
    int lowColumn = 0;
    int highColumn = 0;
    // Between the legend (top right) and the baseline, where every outline runs at zero height.
    for (int x = 90; x < image.getWidth() - 30; x++) {
      for (int y = 110; y < 44 + ScoreHistogramFigure.HEIGHT - 120 - 4; y++) {
        if (close(new Color(image.getRGB(x, y)), Plot.PALETTE[0])) {
          lowColumn = Math.max(lowColumn, x);
        }
        if (close(new Color(image.getRGB(x, y)), Plot.PALETTE[1]) && highColumn == 0) {
          highColumn = x;
        }
      }
    }
    assertThat(lowColumn).as("the low set's outline ends before the high set's begins").isLessThan(highColumn);
  }

  @Test
  void refusesNothingToDraw() {
    assertThatThrownBy(() -> RocFigure.draw("t", List.of())).hasMessageContaining("no curves");
    assertThatThrownBy(() -> ScoreHistogramFigure.draw("t", "x", List.of(new ScoreHistogramFigure.Series("e",
        new double[0])))).hasMessageContaining("needs values");
  }

  private static boolean near(BufferedImage image, int x, int y, Color color) {
    for (int dx = -3; dx <= 3; dx++) {
      for (int dy = -3; dy <= 3; dy++) {
        if (close(new Color(image.getRGB(x + dx, y + dy)), color)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean close(Color a, Color b) {
    return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen())
        + Math.abs(a.getBlue() - b.getBlue()) < 40;
  }
}
