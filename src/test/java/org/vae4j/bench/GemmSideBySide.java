package org.vae4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.GemmEngines;
import org.vae4j.nn.GemmShape;
import org.vae4j.nn.GemmTiming;
import org.vae4j.nn.Parallel;

/**
 * GFLOP/s of engines side by side, as --engine auto measures them (GemmTiming: warmed up, then one pass
 * each in turn, the best pass each): on a shared machine whose speed changes by 2x within minutes, only
 * numbers taken in alternation can be compared. JMH runs each engine at another time. bench/side-by-side.sh
 * runs it: arguments ENGINE[,ENGINE...] [CALLS[;CALLS...]], a call as FORM:m:n:k (e.g. NT:128:512:784), or
 * "lab" for the lab model's whole step (the default).
 */
public final class GemmSideBySide {
  private GemmSideBySide() {}

  public static void main(String[] args) {
    String[] names = args[0].split(",");
    try (Parallel parallel = new Parallel(Integer.getInteger("threads", 2))) {
      List<Gemm> engines = new ArrayList<>();
      for (String name : names) {
        engines.add(GemmEngines.create(name, parallel, System.err));
      }
      for (String calls : (args.length > 1 ? args[1] : "lab").split(";")) {
        double[] gflops = new GemmTiming(parse(calls), 3_000_000_000L, parallel.threads()).measure(engines).gflops();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-16s", calls));
        for (int e = 0; e < names.length; e++) {
          line.append(String.format(Locale.ROOT, " %s %6.1f", engines.get(e).name(), gflops[e]));
        }
        System.out.println(line);
      }
    }
  }

  /** "lab", or one call FORM:m:n:k. */
  private static List<GemmShape> parse(String calls) {
    if (calls.equals("lab")) {
      return GemmShape.LAB_VAE_STEP;
    }
    String[] p = calls.split(":");
    return List.of(new GemmShape(p[0].charAt(0) == 'T', p[0].charAt(1) == 'T', Integer.parseInt(p[1]),
        Integer.parseInt(p[2]), Integer.parseInt(p[3])));
  }
}
