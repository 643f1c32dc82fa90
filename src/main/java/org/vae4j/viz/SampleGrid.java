package org.vae4j.viz;

import java.awt.image.BufferedImage;
import org.vae4j.model.Inference;
import org.vae4j.model.Vae;
import org.vae4j.nn.Rng;

/** Images decoded from z drawn from the prior, in a grid: what `vae4j sample` writes. */
public final class SampleGrid {
  private SampleGrid() {}

  /**
   * count images of rows x cols pixels decoded from z ~ N(0, I) drawn with Rng(seed), labels[i] given to
   * the decoder for image i (null for an unconditional model), laid out `columns` to a row, each pixel
   * drawn as scale x scale.
   */
  public static BufferedImage draw(Vae vae, int rows, int cols, int count, int[] labels, long seed, int columns,
                                   int scale) {
    Inference model = new Inference(vae);
    float[] images = model.decode(model.prior(count, new Rng(seed)), labels, count);
    int gridRows = (count + columns - 1) / columns;
    Tiles tiles = new Tiles(gridRows, Math.min(columns, count), rows, cols, scale);
    for (int i = 0; i < count; i++) {
      tiles.set(i / columns, i % columns, images, i * vae.input());
    }
    return tiles.render();
  }
}
