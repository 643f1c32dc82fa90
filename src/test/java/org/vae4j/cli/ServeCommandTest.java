package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vae4j serve's refusals before it serves: one line and the exit code (the serving is tested in serve). */
class ServeCommandTest {
  @Test
  void refusesAFolderWithoutModels(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("empty-child"));
    CliRun run = CliRun.of("serve", dir.toString(), "--port", "0", "--no-classifier");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).isEqualTo("vae4j serve: " + dir + ": no model.safetensors there nor in its subfolders;"
        + " give a run folder (vae4j train --out) or an experiment folder (vae4j experiment --out)");
  }

  @Test
  void refusesAMissingFolderAndABadPort(@TempDir Path dir) {
    CliRun missing = CliRun.of("serve", dir.resolve("nothing").toString(), "--no-classifier");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).startsWith("vae4j serve: " + dir.resolve("nothing") + ": ").doesNotContain("\n\t");
    CliRun port = CliRun.of("serve", dir.toString(), "--port", "70000");
    assertThat(port.exitCode()).isEqualTo(2);
    assertThat(port.err().strip()).isEqualTo("vae4j serve: --port must be 0 to 65535, got 70000");
    CliRun none = CliRun.of("serve");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("Missing required parameter: 'FOLDER'");
  }
}
