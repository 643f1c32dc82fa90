package org.vae4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
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
      try (InputStream in = ProgressBar.wrap(connection.getInputStream(), progressBar(target, length));
           OutputStream out = Files.newOutputStream(temp)) {
        received = copy(in, out, length);
      }
      if (length >= 0 && received != length) {
        throw truncated(received, length);
      }
      Sha256.verify(temp, sha256);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      connection.disconnect();
      Files.deleteIfExists(temp);
    }
  }

  /** Copies in to out and returns the byte count; a body cut short reads as such on every JDK. */
  private static long copy(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long received = 0;
    while (true) {
      int n;
      try {
        n = in.read(buffer);
      } catch (SocketTimeoutException e) {
        throw e;
      } catch (IOException e) {
        // Java 17 ends a short body quietly; later JDKs throw "Premature EOF". Say the same for both.
        if (length >= 0 && received < length) {
          throw truncated(received, length);
        }
        throw e;
      }
      if (n < 0) {
        return received;
      }
      out.write(buffer, 0, n);
      received += n;
    }
  }

  private static IOException truncated(long received, long length) {
    return new IOException("truncated transfer: got " + received + " of " + length + " bytes");
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
