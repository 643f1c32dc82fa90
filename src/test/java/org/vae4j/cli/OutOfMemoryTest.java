package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running out of memory is one line with the heap's size and how to raise it, exit 1, no stack trace. */
class OutOfMemoryTest {
  @TempDir
  Path dir;

  @Test
  void aCommandThatRunsOutOfMemorySaysHowToGiveItMore() throws Exception {
    Path data = FakeData.write(dir.resolve("data"), 30_000, 28, 28); // 23.5 MB of pixels per set
    Path log = dir.resolve("child.log");

    int code = ChildProcess.run(log, ChildProcess.command(List.of("-Xmx16m"), "train", "--data", data.toString(),
        "--out", dir.resolve("run").toString(), "--epochs", "1"));

    String output = Files.readString(log);
    assertThat(code).as(output).isEqualTo(1);
    assertThat(output).doesNotContain("\tat ", "Exception in thread");
    List<String> lines = output.lines().toList();
    assertThat(lines.get(lines.size() - 1)).matches("vae4j train: out of memory \\(Java heap space\\) with a Java "
        + "heap of at most 1[0-9] MiB; give it more, e\\.g\\. VAE4J_JAVA_OPTS=-Xmx1g \\./vae4j train \\.\\.\\.");
  }

  @Test
  void theSuggestionIsTwiceTheHeapInWholeGigabytes() {
    OutOfMemoryError e = new OutOfMemoryError("Java heap space");
    assertThat(OutOfMemory.advice(e, 3L << 30, "vae4j eval")).isEqualTo("out of memory (Java heap space) with a "
        + "Java heap of at most 3072 MiB; give it more, e.g. VAE4J_JAVA_OPTS=-Xmx6g ./vae4j eval ...");
  }
}
