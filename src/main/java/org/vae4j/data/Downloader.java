package org.vae4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Fetches one file over HTTP into place: into a temp file beside the target, with a progress bar and
 * connect and read timeouts, then checks the content's SHA-256 and renames the temp file atomically, so
 * the target is either whole and verified or absent.
 */
final class Downloader {
  private static final int BAR_WIDTH = 100; // fixed, so the bar never probes the terminal

  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final PrintStream log;

  Downloader(Duration connectTimeout, Duration readTimeout, PrintStream log) {
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.log = log;
  }

  /** Throws an IOException whose message says why the download failed. */
  void download(URI url, Path target, String sha256) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection(); // connects later
    connection.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
    connection.setReadTimeout(Math.toIntExact(readTimeout.toMillis()));
    Path temp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
    try {
      int status = connection.getResponseCode();
      if (status != HttpURLConnection.HTTP_OK) {
        throw new IOException("HTTP " + status);
      }
      long length = connection.getContentLengthLong(); // -1 when the server does not say
      long received;
      try (InputStream in = ProgressBar.wrap(connection.getInputStream(), progressBar(target, length))) {
        received = Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
      }
      if (length >= 0 && received != length) {
        throw new IOException("truncated transfer: got " + received + " of " + length + " bytes");
      }
      Sha256.verify(temp, sha256);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      connection.disconnect();
      Files.deleteIfExists(temp);
    }
  }

  private ProgressBarBuilder progressBar(Path target, long length) {
    ProgressBarBuilder builder = new ProgressBarBuilder()
        .setTaskName(target.getFileName().toString())
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" MiB", 1 << 20)
        .setConsumer(new ConsoleProgressBarConsumer(log, BAR_WIDTH));
    return length >= 0 ? builder.setInitialMax(length) : builder;
  }
}
