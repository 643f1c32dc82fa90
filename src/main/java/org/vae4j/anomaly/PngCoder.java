package org.vae4j.anomaly;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.vae4j.data.ImageSet;

/**
 * Encodes grey 8-bit images as PNG files: each row filtered by the PNG filter (None, Sub, Up, Average, Paeth)
 * whose output has the smallest sum of absolute values (libpng's heuristic), the rows deflated at level 9 into
 * one IDAT chunk, with the signature and the IHDR and IEND chunks. One Deflater and its buffers serve image
 * after image, several times faster than ImageIO's writer, which sets up a writer and a Deflater per image; the files are
 * real PNGs (ImageIO reads them back, pixel for pixel, in the tests). Not thread-safe.
 */
final class PngCoder {
  private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};
  private final int rows;
  private final int cols;
  private final Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
  private final byte[] pixels;    // (rows, cols)
  private final byte[] filtered;  // (rows, 1 + cols): each row's filter type, then its filtered bytes
  private final byte[] candidate; // (cols) one filter's output for the row being chosen
  private final byte[] compressed;
  private final CRC32 crc = new CRC32();

  PngCoder(int rows, int cols) {
    this.rows = rows;
    this.cols = cols;
    pixels = new byte[rows * cols];
    filtered = new byte[rows * (1 + cols)];
    candidate = new byte[cols];
    compressed = new byte[filtered.length + filtered.length / 1000 + 64]; // deflate's worst case, with margin
  }

  /** The PNG file of an image of the set, which must be rows x cols. */
  byte[] encode(ImageSet images, int image) {
    for (int p = 0; p < pixels.length; p++) {
      pixels[p] = (byte) images.pixel(image, p);
    }
    for (int r = 0; r < rows; r++) {
      filterRow(r);
    }
    deflater.reset();
    deflater.setInput(filtered);
    deflater.finish();
    int length = 0;
    while (!deflater.finished()) {
      length += deflater.deflate(compressed, length, compressed.length - length);
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream(SIGNATURE.length + 57 + length);
    png.writeBytes(SIGNATURE);
    chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(cols).putInt(rows)
        .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).array(), 13); // 8-bit grey
    chunk(png, "IDAT", compressed, length);
    chunk(png, "IEND", new byte[0], 0);
    return png.toByteArray();
  }

  /** Writes row r's best filter type and output into filtered. */
  private void filterRow(int r) {
    int out = r * (1 + cols);
    long best = Long.MAX_VALUE;
    for (int type = 0; type <= 4; type++) {
      long cost = 0;
      for (int c = 0; c < cols; c++) {
        int x = pixels[r * cols + c] & 0xFF;
        int a = c > 0 ? pixels[r * cols + c - 1] & 0xFF : 0;
        int b = r > 0 ? pixels[(r - 1) * cols + c] & 0xFF : 0;
        int d = c > 0 && r > 0 ? pixels[(r - 1) * cols + c - 1] & 0xFF : 0;
        int predicted = switch (type) {
          case 0 -> 0;
          case 1 -> a;
          case 2 -> b;
          case 3 -> (a + b) / 2;
          default -> paeth(a, b, d);
        };
        byte v = (byte) (x - predicted);
        candidate[c] = v;
        cost += Math.abs(v);
      }
      if (cost < best) {
        best = cost;
        filtered[out] = (byte) type;
        System.arraycopy(candidate, 0, filtered, out + 1, cols);
      }
    }
  }

  private static int paeth(int a, int b, int c) {
    int p = a + b - c;
    int pa = Math.abs(p - a);
    int pb = Math.abs(p - b);
    int pc = Math.abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
  }

  private void chunk(ByteArrayOutputStream png, String type, byte[] data, int length) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    png.writeBytes(ByteBuffer.allocate(4).putInt(length).array());
    png.writeBytes(name);
    png.write(data, 0, length);
    crc.reset();
    crc.update(name);
    crc.update(data, 0, length);
    png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
