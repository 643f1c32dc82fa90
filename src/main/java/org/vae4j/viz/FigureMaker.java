package org.vae4j.viz;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/** One figure of a model: its name (as --only takes it), and how it is drawn and written. */
interface FigureMaker {
  String name();

  /** Writes its file(s) into dir and says what each shows; none when it does not apply (no metrics). */
  List<Figure> write(FigureContext ctx, Path dir);

  /** Writes a PNG named after the figure, and describes it. */
  default Figure png(Path dir, String title, BufferedImage image, String caption) {
    ImageFiles.writePng(dir.resolve(name() + ".png"), image);
    return new Figure(name(), name() + ".png", title, caption);
  }
}
