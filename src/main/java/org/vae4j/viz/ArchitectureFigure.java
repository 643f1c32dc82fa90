package org.vae4j.viz;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.vae4j.AtomicFile;
import org.vae4j.model.Architecture;

/** The declared layers as a diagram (PNG) and as the summary table (architecture.txt). */
final class ArchitectureFigure implements FigureMaker {
  @Override
  public String name() {
    return Figures.ARCHITECTURE;
  }

  @Override
  public List<Figure> write(FigureContext ctx, Path dir) {
    Architecture architecture = ctx.vae.architecture();
    String image = ctx.test.rows() + "x" + ctx.test.cols() + " images";
    AtomicFile.writeString(dir.resolve(name() + ".txt"), ArchitectureSummary.text(architecture, image));
    return List.of(png(dir, "Architecture", ArchitectureDiagram.draw(architecture), String.format(Locale.ROOT,
        "The layers with their widths and parameter counts (%,d in total), drawn from the model's declaration; "
            + "architecture.txt and ./vae4j summary give the same as a table.", architecture.parameterCount())));
  }
}
