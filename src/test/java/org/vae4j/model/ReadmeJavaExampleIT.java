package org.vae4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.nn.ReferenceGemm;
import org.vae4j.nn.Rng;

/**
 * README's "Use it from Java" as a user runs it, in a project of their own: the file as written there,
 * compiled with javac and run with java against the built jar alone (no vae4j classes or dependencies of
 * this build on its class path), in a folder holding runs/d20/model.safetensors. Runs after the jar is
 * packaged (mvn verify, through the failsafe plugin).
 */
class ReadmeJavaExampleIT {
  @TempDir
  Path project;

  @Test
  void theReadmesJavaExampleCompilesAndRunsAgainstTheJar() throws Exception {
    Path jar = Path.of(System.getProperty("vae4j.jar", "target/vae4j.jar")).toAbsolutePath();
    assertThat(jar).as("the packaged jar").isRegularFile();
    String example = javaBlock(Files.readString(Path.of("README.md")), "## Use it from Java");
    Path source = project.resolve("Example.java");
    Files.writeString(source, example);

    Vae vae = new Vae(TestModels.mlp(784, 64, 20).architecture(), new ReferenceGemm());
    vae.init(new Rng(3));
    ModelFile.save(project.resolve("runs/d20/" + ModelFile.NAME), vae, TestModels.json("dataset", "mnist"));

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int compiled = javac.run(null, diagnostics, diagnostics, "--release", "17", "-cp", jar.toString(), "-d",
        project.toString(), source.toString());
    assertThat(compiled).as("javac: %s", diagnostics).isZero();

    Path launcher = Path.of(System.getProperty("java.home"), "bin", "java");
    Process run = new ProcessBuilder(List.of(launcher.toString(), "-cp", jar + java.io.File.pathSeparator + project,
        "Example")).directory(project.toFile()).redirectErrorStream(true).start();
    assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("the example ends within 2 minutes").isTrue();
    String output = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(run.exitValue()).as(output).isZero();
    assertThat(output).containsPattern("784 pixels, d = 20; -ELBO of the first sample \\d+\\.\\d nats; "
        + "12544 values decoded; \\d+\\.\\d");
  }

  /** The first ```java block after the heading. */
  private static String javaBlock(String readme, String heading) {
    int section = readme.indexOf("\n" + heading + "\n");
    assertThat(section).as("README has the section " + heading).isPositive();
    int start = readme.indexOf("```java\n", section) + "```java\n".length();
    int end = readme.indexOf("\n```", start);
    return readme.substring(start, end + 1);
  }
}
