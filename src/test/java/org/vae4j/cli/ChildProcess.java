package org.vae4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs vae4j's Main in a separate JVM on the test classpath, with its output in files, as a user would. */
final class ChildProcess {
  private ChildProcess() {}

  /** The java command line for Main with args, with the Vector API as ./vae4j runs it. */
  static List<String> command(String... args) {
    // C1 only, so "--engine java" gives java-autovec (GemmEngines); the other engines are as in ./vae4j
    return command(List.of("--add-modules=jdk.incubator.vector"), args);
  }

  /** As above with these JVM options instead of the Vector API's module. */
  static List<String> command(List<String> jvmOptions, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-XX:TieredStopAtLevel=1"); // quick start; results do not depend on the JIT
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    return cmd;
  }

  static Process start(Path log, List<String> command) throws IOException {
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Runs to the end (at most a minute) and returns the exit code. */
  static int run(Path log, List<String> command) throws IOException, InterruptedException {
    Process p = start(log, command);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command + "\n" + Files.readString(log));
    }
    return p.exitValue();
  }
}
