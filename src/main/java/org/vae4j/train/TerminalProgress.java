package org.vae4j.train;

import java.io.PrintStream;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A live progress bar per epoch (images/s, ETA, running loss), then the epoch's line. */
public final class TerminalProgress implements Progress {
  private static final int MESSAGE_EVERY = 16; // batches; formatting the loss each batch would be waste
  private final PrintStream out;
  private ProgressBar bar;
  private double lossSum;
  private long images;
  private int batches;

  public TerminalProgress(PrintStream out) {
    this.out = out;
  }

  @Override
  public void epochStarted(int epoch, int epochs, int total) {
    lossSum = 0;
    images = 0;
    batches = 0;
    bar = new ProgressBarBuilder()
        .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
        .setUnit(" img", 1)
        .showSpeed(new DecimalFormat("0", DecimalFormatSymbols.getInstance(Locale.ROOT))) // "20000 img/s"
        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out))
        .build();
  }

  @Override
  public void batchDone(int n, double loss) {
    lossSum += loss * n;
    images += n;
    bar.stepBy(n);
    if (++batches % MESSAGE_EVERY == 0) {
      // The bar prints the message right after the speed, with no separator of its own.
      bar.setExtraMessage(String.format(Locale.ROOT, " loss %.2f", lossSum / images));
    }
  }

  @Override
  public void aborted() {
    if (bar != null) {
      bar.close();
      bar = null;
      out.println();
      out.flush();
    }
  }

  @Override
  public void epochDone(EpochMetrics m, int epochs, String objective) {
    bar.close();
    bar = null;
    out.println(PlainProgress.line(m, epochs, objective));
    out.flush();
  }
}
