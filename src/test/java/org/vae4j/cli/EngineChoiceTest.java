package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which pure-Java engine a JVM gets, as a user starts it: java-vector needs the Vector API's module and
 * C2; without the module, VectorGemm is not even loaded. (ChildProcess runs C1 only.)
 */
class EngineChoiceTest {
  private static final String[] BENCH = {"bench", "--steps", "2", "--rounds", "1", "--hidden", "8", "--latent", "2",
      "--batch", "4", "--threads", "2", "--engines"};

  @TempDir
  Path dir;

  @Test
  void withoutTheModuleJavaIsJavaAutovecAndVectorGemmIsNeverLoaded() throws Exception {
    String log = bench(List.of("-verbose:class"), "java,java-vector");
    // stdout and stderr share the log, so lines may interleave: count, don't match rows
    assertThat(log.split("the Vector API is off \\(JVM option --add-modules jdk.incubator.vector\\)", -1))
        .hasSize(3);
    assertThat(log).contains("org.vae4j.nn.JavaGemm ").doesNotContain("java-vector", "org.vae4j.nn.VectorGemm");
  }

  @Test
  void withTheModuleButWithoutC2JavaIsJavaAutovecUnlessJavaVectorIsNamed() throws Exception {
    String log = bench(List.of("-verbose:class", "--add-modules=jdk.incubator.vector"), "java,java-vector");
    assertThat(log.split("without its optimizing compiler", -1)).hasSize(2);
    assertThat(log).contains("org.vae4j.nn.JavaGemm ", "java-vector ");
  }

  private String bench(List<String> jvmOptions, String engines) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of(BENCH));
    args.add(engines);
    Path log = dir.resolve("bench.log");
    int code = ChildProcess.run(log, ChildProcess.command(jvmOptions, args.toArray(String[]::new)));
    String out = Files.readString(log);
    assertThat(code).as(out).isZero();
    return out;
  }
}
