package org.vae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --engine auto's choice and its cache, with a stand-in timer, so that no outcome depends on timing: a miss
 * measures and caches, a hit does not measure, a corrupt file is ignored with one line, another machine
 * (or other calls) measures again, a cached engine that no longer loads is measured again, a timing that did
 * not settle is not cached, and one process keeps its choice.
 */
class EngineChooserTest {
  private static final Map<String, String> MACHINE = Map.of("cpu", "AMD EPYC", "threads", "2");
  private static final List<GemmShape> CALLS = GemmShape.LAB_VAE_STEP;

  @TempDir
  Path cache;

  private final List<List<String>> timed = new ArrayList<>(); // the engines of each timing
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

  private boolean settles = true;

  /** "slow" runs at 100 GFLOP/s, "fast" at 300; the timing settles unless settles is false. */
  private final EngineChooser.Timer timer = (engines, calls) -> {
    timed.add(engines.stream().map(Gemm::name).toList());
    return new GemmTiming.Rates(engines.stream().mapToDouble(g -> g.name().equals("fast") ? 300 : 100).toArray(),
        settles);
  };

  @Test
  void aMissMeasuresEveryEngineAndCachesTheFastest() throws IOException {
    Gemm chosen = chooser(MACHINE).choose(candidates(true), CALLS);
    assertThat(chosen.name()).isEqualTo("fast");
    assertThat(timed).containsExactly(List.of("slow", "fast"));
    assertThat(log()).containsOnlyOnce("\n").startsWith("vae4j: engine auto -> fast (300 GFLOP/s against slow 100"
        + " on this machine's shapes; cached in " + cache.resolve("engine-"));
    try (var files = Files.list(cache)) {
      assertThat(files.toList()).singleElement().satisfies(f -> assertThat(Files.readString(f))
          .contains("choice=fast", "gflops.slow=100.0", "key.cpu=AMD EPYC", "key.calls=[NT 128x512x784, "));
    }
  }

  @Test
  void aHitMeasuresNothing() {
    chooser(MACHINE).choose(candidates(true), CALLS);
    logBytes.reset();
    Gemm chosen = chooser(MACHINE).choose(candidates(true), CALLS);
    assertThat(chosen.name()).isEqualTo("fast");
    assertThat(timed).hasSize(1);
    assertThat(log()).containsOnlyOnce("\n").startsWith("vae4j: engine auto -> fast (300 GFLOP/s against slow 100"
        + " on this machine's shapes, as measured before; cached in ");
  }

  @Test
  void aCorruptFileIsIgnoredWithOneLineAndReplaced() throws IOException {
    chooser(MACHINE).choose(candidates(true), CALLS);
    Path file = onlyFile();
    for (String corrupt : new String[] {"", "\\uZZZZ", "choice=fast\n", new String(new byte[] {(byte) 0xff, 0x3d}, 
        StandardCharsets.ISO_8859_1), Files.readString(file).replace("gflops.fast=300.0", "gflops.fast=abc"),
        Files.readString(file).replace("choice=fast", "choice=cuda")}) {
      Files.writeString(file, corrupt, StandardCharsets.ISO_8859_1);
      logBytes.reset();
      int before = timed.size();
      assertThat(chooser(MACHINE).choose(candidates(true), CALLS).name()).isEqualTo("fast");
      assertThat(timed).as(corrupt).hasSize(before + 1);
      String[] lines = log().split("\n");
      assertThat(lines).as(corrupt).hasSize(2);
      assertThat(lines[0]).startsWith("vae4j: ignoring the engine cache " + file + " (").endsWith("); measuring again");
      assertThat(lines[1]).startsWith("vae4j: engine auto -> fast (").contains("cached in " + file);
      assertThat(Files.readString(file)).contains("choice=fast");
    }
  }

  @Test
  void anotherMachineOrOtherCallsMeasureAgain() throws IOException {
    chooser(MACHINE).choose(candidates(true), CALLS);
    chooser(Map.of("cpu", "AMD EPYC", "threads", "1")).choose(candidates(true), CALLS);
    chooser(Map.of("cpu", "Intel Xeon", "threads", "2")).choose(candidates(true), CALLS);
    chooser(MACHINE).choose(candidates(true), GemmShape.mlpVaeStep(784, 1024, 20, 128));
    assertThat(timed).hasSize(4);
    try (var files = Files.list(cache)) {
      assertThat(files.count()).isEqualTo(4);
    }
    chooser(Map.of("cpu", "Intel Xeon", "threads", "2")).choose(candidates(true), CALLS);
    assertThat(timed).hasSize(4);
  }

  @Test
  void aCachedEngineThatNoLongerLoadsIsMeasuredAgainAmongThoseThatDo() {
    chooser(MACHINE).choose(candidates(true), CALLS);
    logBytes.reset();
    Gemm chosen = chooser(MACHINE).choose(candidates(false), CALLS);
    assertThat(chosen.name()).isEqualTo("slow");
    assertThat(timed).last().isEqualTo(List.of("slow"));
    assertThat(log()).containsOnlyOnce("\n")
        .startsWith("vae4j: engine auto -> slow (100 GFLOP/s, the only engine that loads on this machine's shapes;"
            + " fast unavailable: no fast engine here; cached in ");
  }

  @Test
  void aTimingThatDidNotSettleIsUsedButNotCached() throws IOException {
    settles = false;
    assertThat(chooser(MACHINE).choose(candidates(true), CALLS).name()).isEqualTo("fast");
    assertThat(log()).contains("not cached: the machine was too busy for the timing to settle");
    try (var files = Files.list(cache)) {
      assertThat(files.count()).isZero();
    }
    settles = true;
    chooser(MACHINE).choose(candidates(true), CALLS);
    assertThat(timed).hasSize(2);
  }

  @Test
  void withoutACacheFolderItMeasuresEachTimeAndSaysSo() {
    for (int i = 0; i < 2; i++) {
      new EngineChooser(null, new HashMap<>(), MACHINE, timer, log).choose(candidates(true), CALLS);
    }
    assertThat(timed).hasSize(2);
    assertThat(log()).contains("not cached: neither XDG_CACHE_HOME nor HOME is set");
  }

  @Test
  void oneProcessKeepsItsChoiceEvenUncached() {
    settles = false;
    Map<String, Map<String, Double>> remembered = new HashMap<>();
    for (int i = 0; i < 2; i++) {
      new EngineChooser(null, remembered, MACHINE, timer, log).choose(candidates(true), CALLS);
    }
    assertThat(timed).hasSize(1);
    assertThat(log()).contains("as measured earlier in this process)");
  }

  @Test
  void theCacheFolderFollowsXdgThenHome() {
    assertThat(GemmEngines.cacheDir(Map.of("XDG_CACHE_HOME", "/c", "HOME", "/h"))).isEqualTo(Path.of("/c/vae4j"));
    assertThat(GemmEngines.cacheDir(Map.of("XDG_CACHE_HOME", "relative", "HOME", "/h")))
        .isEqualTo(Path.of("/h/.cache/vae4j"));
    assertThat(GemmEngines.cacheDir(Map.of("HOME", "/h"))).isEqualTo(Path.of("/h/.cache/vae4j"));
    assertThat(GemmEngines.cacheDir(Map.of())).isNull();
  }

  @Test
  void theMachineKeyNamesWhatTheChoiceDependsOn() {
    Map<String, String> machine = GemmEngines.machine(2, Map.of("OPENBLAS_CORETYPE", "Haswell", "PATH", "/bin"));
    assertThat(machine).containsKeys("cpu", "cpu.flags", "java", "vector", "vae4j")
        .containsEntry("threads", "2").containsEntry("openblas.env", "{OPENBLAS_CORETYPE=Haswell}");
    assertThat(GemmEngines.machine(2, Map.of())).containsEntry("openblas.env", "none").containsKey("jvm.options");
    assertThat(machine.get("engines.code")).matches("[0-9a-f]{16}").isEqualTo(GemmEngines.engineCode())
        .isNotEqualTo("e3b0c44298fc1c14"); // SHA-256 of nothing: the classes were read
  }

  private EngineChooser chooser(Map<String, String> machine) {
    return new EngineChooser(cache, new HashMap<>(), machine, timer, log); // nothing remembered between calls
  }

  /** "slow" and "fast" (which throws, as an engine that cannot load, unless fastLoads). */
  private static List<EngineChooser.Candidate> candidates(boolean fastLoads) {
    return List.of(new EngineChooser.Candidate("slow", () -> new NamedGemm("slow")),
        new EngineChooser.Candidate("fast", () -> {
          if (!fastLoads) {
            throw new UnsatisfiedLinkError("no fast engine here");
          }
          return new NamedGemm("fast");
        }));
  }

  private Path onlyFile() throws IOException {
    try (var files = Files.list(cache)) {
      return files.toList().get(0);
    }
  }

  private String log() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }
}
