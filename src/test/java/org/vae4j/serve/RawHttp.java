package org.vae4j.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 over a plain socket, byte for byte as written: what no HTTP client library would send. */
final class RawHttp {
  private RawHttp() {}

  /** A reply: its status and the text after the headers. */
  record Reply(int status, String head, String body) {}

  /** Sends request, then reads until the server closes or the reply's Content-Length has arrived. */
  static Reply send(InetSocketAddress server, String request, int timeoutMillis) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(server, timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return read(socket.getInputStream());
    }
  }

  /** Reads one reply (headers, then Content-Length bytes); a timeout before any byte throws. */
  static Reply read(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int headEnd = -1;
    int length = -1;
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) > 0; ) {
        bytes.write(buffer, 0, n);
        String text = bytes.toString(StandardCharsets.ISO_8859_1);
        if (headEnd < 0 && (headEnd = text.indexOf("\r\n\r\n")) >= 0) {
          java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
          length = m.find() && m.start() < headEnd ? Integer.parseInt(m.group(1)) : -1;
        }
        if (headEnd >= 0 && length >= 0 && bytes.size() >= headEnd + 4 + length) {
          break;
        }
      }
    } catch (SocketTimeoutException e) {
      if (bytes.size() == 0) {
        throw e;
      }
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    String head = end < 0 ? text : text.substring(0, end);
    int status = head.startsWith("HTTP/1.1 ") ? Integer.parseInt(head.substring(9, 12)) : -1;
    return new Reply(status, head, end < 0 ? "" : text.substring(end + 4));
  }
}
