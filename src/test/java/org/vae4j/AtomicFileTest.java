package org.vae4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir
  Path dir;

  @Test
  void replacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
    Path target = dir.resolve("metrics.json");
    AtomicFile.writeString(target, "old");
    AtomicFile.writeString(target, "new");
    assertThat(Files.readString(target)).isEqualTo("new");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void aFailingWriterLeavesTheOldContentAndNoTemporaryFile() throws IOException {
    Path target = dir.resolve("model.safetensors");
    AtomicFile.writeString(target, "good");
    assertThatThrownBy(() -> AtomicFile.write(target, out -> {
      out.write(1);
      throw new IOException("No space left on device");
    })).isInstanceOf(UserError.class).hasMessage(target + ": cannot write: No space left on device");
    assertThat(Files.readString(target)).isEqualTo("good");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void othersMayReadTheFileAsWithAnyNewFile() throws IOException {
    Path target = dir.resolve("shared.txt");
    AtomicFile.writeString(target, "x");
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(plain))
        .contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }
}
