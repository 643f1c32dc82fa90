package org.vae4j.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The CPU's model name and flags from /proc/cpuinfo; "unknown" and none off Linux. */
public record CpuInfo(String model, Set<String> flags) {
  /** The flags that decide which kernels a GEMM library can run. */
  private static final List<String> VECTOR_FLAGS = List.of("avx", "avx2", "fma", "avx512f", "avx512dq", "avx512bw",
      "avx512vl", "avx512_bf16", "avx512_fp16", "amx_tile", "asimd", "sve");

  public static CpuInfo read() {
    String model = "unknown";
    Set<String> flags = new TreeSet<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        String value = line.substring(line.indexOf(':') + 1).strip();
        if (line.startsWith("model name") && model.equals("unknown")) {
          model = value;
        } else if ((line.startsWith("flags") || line.startsWith("Features")) && flags.isEmpty()) {
          flags.addAll(List.of(value.split("\\s+"))); // x86 "flags", ARM "Features"
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: unknown, no flags
    }
    return new CpuInfo(model, Set.copyOf(flags));
  }

  /** The vector flags present, in a fixed order, e.g. "avx avx2 fma avx512f ...". */
  public String vectorFlags() {
    StringBuilder s = new StringBuilder();
    for (String f : VECTOR_FLAGS) {
      if (flags.contains(f)) {
        s.append(s.length() == 0 ? "" : " ").append(f);
      }
    }
    return s.length() == 0 ? "none" : s.toString();
  }
}
