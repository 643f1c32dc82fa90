package org.vae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.vae4j.UsageError;

/** The engine names; the tests run with the Vector API and C2 (pom.xml), so "java" is java-vector. */
class GemmEnginesTest {
  @Test
  void javaIsTheVectorApiEngineAndEachJavaEngineCanBeNamed() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    try (Parallel parallel = new Parallel(2)) {
      assertThat(GemmEngines.create("java", parallel, out).name()).isEqualTo("java-vector");
      assertThat(GemmEngines.create("Java-Vector", parallel, out).name()).isEqualTo("java-vector");
      assertThat(GemmEngines.create("java-autovec", parallel, out).name()).isEqualTo("java-autovec");
    }
    assertThat(log.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void anUnknownEngineIsAUsageErrorListingTheKnownOnes() {
    assertThatThrownBy(() -> GemmEngines.create("cuda", Parallel.SERIAL, System.err))
        .isInstanceOf(UsageError.class)
        .hasMessage("engine must be auto, native, java, java-vector or java-autovec, got 'cuda'");
  }
}
