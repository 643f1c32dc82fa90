package org.vae4j.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What the numbers were measured on: JDK, OS, CPU, cores, memory, GEMM engine and threads. */
public record MachineInfo(String java, String os, String cpu, int cores, long maxHeapMiB, String engine,
                          int threads) {
  public static MachineInfo current(String engine, int threads) {
    return new MachineInfo(
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + " ("
            + System.getProperty("java.vendor") + ")",
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        cpuModel(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, engine,
        threads);
  }

  /** The CPU's model name from /proc/cpuinfo, or "unknown" off Linux. */
  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: say so below
    }
    return "unknown";
  }

  /** Labelled values, in the order the report shows them. */
  public Map<String, String> entries() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("JDK", java);
    m.put("OS", os);
    m.put("CPU", cpu);
    m.put("cores (available to the JVM)", Integer.toString(cores));
    m.put("max heap", String.format(Locale.ROOT, "%,d MiB", maxHeapMiB));
    m.put("GEMM engine", engine);
    m.put("threads", Integer.toString(threads));
    return m;
  }
}
