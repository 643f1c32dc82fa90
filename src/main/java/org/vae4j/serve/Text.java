package org.vae4j.serve;

import java.util.Locale;

/** Small text helpers for messages. */
final class Text {
  private Text() {}

  /** At most 60 characters of what a client sent, so that a message stays one short line. */
  static String abbreviate(String s) {
    String oneLine = s.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }

  static String number(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.format(Locale.ROOT, "%g", x);
  }
}
