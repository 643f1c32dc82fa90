package org.vae4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident memory, from Linux's /proc/self/status (VmHWM). */
public final class PeakMemory {
  private PeakMemory() {}

  /** Peak resident set in MiB, or -1 where the platform does not tell. */
  public static double mebibytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux, or a format we do not know: report "unknown"
    }
    return -1;
  }
}
