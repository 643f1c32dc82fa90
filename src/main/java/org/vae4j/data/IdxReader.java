package org.vae4j.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.ZipException;
import org.vae4j.AtomicFile;
import org.vae4j.UserError;

/**
 * Reads a pair of IDX files, gzip-compressed or raw, into an {@link ImageSet}. Images: magic 2051
 * (unsigned bytes, 3 dimensions: N, rows, cols); labels: magic 2049 (unsigned bytes, 1 dimension: N).
 * Any departure from the format is a {@link UserError} that names the file.
 */
final class IdxReader {
  private static final int IMAGES_MAGIC = 0x0803;
  private static final int LABELS_MAGIC = 0x0801;
  private static final int CLASSES = 10;
  private static final long MAX_BYTES = Integer.MAX_VALUE - 8; // the largest byte[] a JVM allocates

  private IdxReader() {}

  static ImageSet read(Path images, Path labels) {
    IdxArray pixels = readArray(images, IMAGES_MAGIC);
    IdxArray classes = readArray(labels, LABELS_MAGIC);
    int count = pixels.dims[0];
    if (classes.dims[0] != count) {
      throw new UserError(labels + ": " + classes.dims[0] + " labels, but " + images + " holds " + count
          + " images");
    }
    for (int i = 0; i < count; i++) {
      int label = classes.data[i] & 0xFF;
      if (label >= CLASSES) {
        throw new UserError(labels + ": label " + label + " at index " + i + " is outside 0..9");
      }
    }
    return new ImageSet(pixels.data, classes.data, count, pixels.dims[1], pixels.dims[2]);
  }

  /** Images without labels (each set to 0): what is scored when no labels file is given. */
  static ImageSet readUnlabelled(Path images) {
    IdxArray pixels = readArray(images, IMAGES_MAGIC);
    return new ImageSet(pixels.data, new byte[pixels.dims[0]], pixels.dims[0], pixels.dims[1], pixels.dims[2]);
  }

  /** The header's dimension sizes and the data bytes, which fill the file exactly. */
  private record IdxArray(int[] dims, byte[] data) {}

  private static IdxArray readArray(Path file, int expectedMagic) {
    try (InputStream in = ContentStream.open(file)) {
      int magic = readHeaderInt(in, file);
      if (magic != expectedMagic) {
        throw new UserError(String.format("%s: bad magic number 0x%08X%s, expected %d%s", file, magic,
            kind(magic), expectedMagic, kind(expectedMagic)));
      }
      int[] dims = new int[magic & 0xFF];
      long size = 1;
      for (int d = 0; d < dims.length; d++) {
        dims[d] = readHeaderInt(in, file);
        if (d == 0 && dims[d] == 0) {
          throw new UserError(file + ": empty: the header announces 0 " + (magic == IMAGES_MAGIC ? "images" : "labels"));
        }
        if (dims[d] <= 0) {
          throw new UserError(file + ": dimension " + d + " has size " + Integer.toUnsignedString(dims[d])
              + ", expected at least 1");
        }
        size *= dims[d]; // cannot overflow: both factors are below 2^31
        if (size > MAX_BYTES) {
          throw new UserError(file + ": the header announces more data than vae4j can hold");
        }
      }
      // Not new byte[size]: a 16-byte file may announce 2 GB. readNBytes allocates as the data arrives,
      // so memory follows what the file really holds (found by IdxReaderFuzzTest).
      byte[] data = in.readNBytes((int) size);
      if (data.length < size) {
        throw new UserError(file + ": truncated: the header announces " + size + " data bytes but only "
            + data.length + " follow");
      }
      if (in.read() != -1) {
        throw new UserError(file + ": trailing data after the " + size + " bytes the header announces");
      }
      return new IdxArray(dims, data);
    } catch (NoSuchFileException e) {
      throw new UserError(file + ": no such file", e);
    } catch (EOFException | ZipException e) {
      throw new UserError(file + ": truncated or corrupt gzip data (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new UserError(file + ": cannot read: " + AtomicFile.reason(e), e);
    }
  }

  private static int readHeaderInt(InputStream in, Path file) throws IOException {
    byte[] b = in.readNBytes(4);
    if (b.length < 4) {
      throw new UserError(file + ": truncated: the file ends inside the IDX header");
    }
    return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
  }

  private static String kind(int magic) {
    return switch (magic) {
      case IMAGES_MAGIC -> " (IDX images)";
      case LABELS_MAGIC -> " (IDX labels)";
      default -> "";
    };
  }
}
