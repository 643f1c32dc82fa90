package org.vae4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
  private static final String NAME = "train-images-idx3-ubyte.gz";
  private static final byte[] CONTENT = IdxFixtures.images(50);
  private static final byte[] GZ = IdxFixtures.gzip(CONTENT);
  private static final String SHA256 = IdxFixtures.sha256(CONTENT);

  @TempDir Path dir;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final Downloader downloader =
      new Downloader(Duration.ofSeconds(1), Duration.ofMillis(200), new PrintStream(log, true));
  private TestHttpServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new TestHttpServer(Map.of(NAME, GZ));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private void download(String folder) throws IOException {
    downloader.download(server.uri(folder).resolve(NAME), dir.resolve(NAME), SHA256);
  }

  @Test
  void downloadsAndVerifiesAFile() throws IOException {
    download("good");

    assertThat(dir.resolve(NAME)).hasBinaryContent(GZ);
    assertThat(dir).isDirectoryNotContaining("glob:**.part");
    assertThat(log.toString()).contains(NAME);
  }

  @Test
  void rejectsOtherContentAndLeavesNoFile() throws IOException {
    assertThatThrownBy(() -> download("corrupt"))
        .isExactlyInstanceOf(IOException.class)
        .hasMessageStartingWith("SHA-256 mismatch: content has ")
        .hasMessageEndingWith(", expected " + SHA256);
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void rejectsATruncatedTransferAndLeavesNoFile() {
    assertThatThrownBy(() -> download("truncated"))
        .hasMessage("truncated transfer: got " + GZ.length / 2 + " of " + GZ.length + " bytes");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void reportsAnHttpError() {
    assertThatThrownBy(() -> download("missing")).hasMessage("HTTP 404");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void givesUpOnAStalledServerAfterTheReadTimeout() {
    long start = System.nanoTime();

    assertThatThrownBy(() -> download("slow")).isInstanceOf(SocketTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(dir).isEmptyDirectory();
  }
}
