package org.vae4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What stands where a file or a folder is expected, in a few words. */
class PathCheckTest {
  @TempDir
  Path dir;

  @Test
  void namesWhatStandsWhereAFileIsExpected() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    Path loop = Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("loop"));
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("gone"));

    assertThat(PathCheck.whyNotAFile(file)).isNull();
    assertThat(PathCheck.whyNotAFile(dir.resolve("absent"))).isEqualTo("no such file");
    assertThat(PathCheck.whyNotAFile(dir)).isEqualTo("a folder, not a file");
    assertThat(PathCheck.whyNotAFile(loop)).isEqualTo("a loop of symbolic links");
    assertThat(PathCheck.whyNotAFile(dangling)).isEqualTo("a symbolic link to " + dir.resolve("gone")
        + ", which does not exist");
    assertThat(PathCheck.whyNotAFile(NamedPipe.create(dir.resolve("fifo")))).isEqualTo("not a regular file (a pipe, socket or "
        + "device)");
    if (DenyReads.on(file, "PathCheck of a file under chmod 000")) {
      assertThat(PathCheck.whyNotAFile(file)).isEqualTo("not readable: permission denied");
    }
  }

  @Test
  void namesWhatStandsWhereAFolderIsExpected() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");
    Path loop = Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("loop"));
    Path folder = Files.createDirectories(dir.resolve("folder"));

    assertThat(PathCheck.whyNotAFolder(folder)).isNull();
    assertThat(PathCheck.whyNotAFolder(dir.resolve("absent"))).isEqualTo("no such folder");
    assertThat(PathCheck.whyNotAFolder(file)).isEqualTo("a file, not a folder");
    assertThat(PathCheck.whyNotAFolder(loop)).isEqualTo("a loop of symbolic links");
    if (DenyReads.on(folder, "PathCheck of a folder under chmod 000")) {
      assertThat(PathCheck.whyNotAFolder(folder)).isEqualTo("cannot look inside: permission denied");
    }
  }

  @Test
  void requireFileSaysAbsentInTheCallersWordsAndAnythingElseInItsOwn() throws IOException {
    Files.createDirectories(dir.resolve("model.safetensors"));

    assertThatThrownBy(() -> PathCheck.requireFile(dir.resolve("metrics.json"), "no metrics.json there"))
        .isInstanceOf(UserError.class).hasMessage("no metrics.json there");
    assertThatThrownBy(() -> PathCheck.requireFile(dir.resolve("model.safetensors"), "no model there"))
        .hasMessage(dir.resolve("model.safetensors") + ": a folder, not a file");
  }
}
