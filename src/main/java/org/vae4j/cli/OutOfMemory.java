package org.vae4j.cli;

import java.util.Locale;

/** What to tell a user whose command ran out of memory: the heap it had, and how to give it more. */
final class OutOfMemory {
  private static final long MIB = 1L << 20;
  private static final long GIB = 1L << 30;

  private OutOfMemory() {}

  /** One line; command is the command as typed after ./vae4j's path ("vae4j train"). */
  static String advice(OutOfMemoryError e, long maxHeapBytes, String command) {
    // Twice the heap, in whole GiB, at least 1: a step large enough to be worth a try.
    long suggestedGib = Math.max(1, (2 * maxHeapBytes + GIB - 1) / GIB);
    return String.format(Locale.ROOT, "out of memory (%s) with a Java heap of at most %d MiB; give it more, "
        + "e.g. VAE4J_JAVA_OPTS=-Xmx%dg ./%s ...", e.getMessage() != null ? e.getMessage() : "OutOfMemoryError",
        maxHeapBytes / MIB, suggestedGib, command);
  }
}
