package org.vae4j.nn;

import java.util.Arrays;

/**
 * Where a square k x k kernel meets an image: the image (C, H, W), which Conv2d reads and ConvTranspose2d
 * writes, and the grid of kernel positions (GH, GW) with stride s and zero padding p, position (gh, gw)
 * covering rows gh s - p .. gh s - p + k - 1 and columns likewise. im2col lays each position's C k k values
 * out as a column of a patch matrix (C k k, GH GW), which turns a convolution into one matrix product;
 * col2im adds such a matrix back into an image. Letters: C channels, k kernel, s stride, p padding.
 */
record ConvGeometry(int channels, int height, int width, int kernel, int stride, int padding, int gridHeight,
                    int gridWidth) {
  ConvGeometry {
    if (kernel < 1 || stride < 1 || padding < 0 || gridHeight < 1 || gridWidth < 1) {
      throw new IllegalArgumentException("a convolution needs kernel and stride >= 1, padding >= 0 and an output,"
          + " got kernel " + kernel + ", stride " + stride + ", padding " + padding + " on " + height + "x" + width);
    }
  }

  /** The grid of a k x k kernel with stride s and padding p over the image: as torch.nn.Conv2d computes it. */
  static ConvGeometry over(Shape image, int kernel, int stride, int padding) {
    int gh = Math.floorDiv(image.height() + 2 * padding - kernel, stride) + 1;
    int gw = Math.floorDiv(image.width() + 2 * padding - kernel, stride) + 1;
    return new ConvGeometry(image.channels(), image.height(), image.width(), kernel, stride, padding, gh, gw);
  }

  /** C k k, the rows of the patch matrix: the values one kernel position covers. */
  int patchSize() {
    return channels * kernel * kernel;
  }

  /** GH GW, the kernel positions: the columns of the patch matrix. */
  int positions() {
    return gridHeight * gridWidth;
  }

  /** C H W, the image's values. */
  int imageSize() {
    return channels * height * width;
  }

  // col: (C k k, GH GW) at colOff with row stride ld <- the patches of img: (C, H, W) at imgOff; 0 outside the image.
  // Only the taps that are their phase's base are gathered from the image (strided, when s > 1): for tap ki,
  // the tap ki + m s (m = (k - 1 - ki) / s, the last of its phase) reads the same image rows m grid rows
  // later, so tap ki's row is the base's shifted by m grid rows (likewise columns) — one contiguous copy —
  // but for the first m grid rows and columns, read directly. With k = 3, s = 2, p = 1: 4 strided gathers,
  // 5 copies, where im2colReference does 9 strided gathers.
  void im2col(float[] col, int colOff, int ld, float[] img, int imgOff) {
    int n = positions();
    for (int c = 0; c < channels; c++) {
      int plane = imgOff + c * height * width;
      int rows = colOff + c * kernel * kernel * ld;
      for (int ki = kernel - stride; ki < kernel; ki++) {
        for (int kj = kernel - stride; kj < kernel; kj++) {
          if (ki >= 0 && kj >= 0) {
            gather(col, rows + (ki * kernel + kj) * ld, img, plane, ki, kj);
          }
        }
      }
      for (int ki = 0; ki < kernel; ki++) {
        for (int kj = 0; kj < kernel; kj++) {
          int mi = (kernel - 1 - ki) / stride;
          int mj = (kernel - 1 - kj) / stride;
          if (mi == 0 && mj == 0) {
            continue;
          }
          int row = rows + (ki * kernel + kj) * ld;
          int base = rows + ((ki + mi * stride) * kernel + kj + mj * stride) * ld;
          int shift = mi * gridWidth + mj;
          if (shift < n) {
            System.arraycopy(col, base, col, row + shift, n - shift);
          }
          for (int gh = 0; gh < gridHeight; gh++) {
            for (int gw = 0; gw < (gh < mi ? gridWidth : Math.min(mj, gridWidth)); gw++) {
              int at = pixel(gh, gw, ki, kj);
              col[row + gh * gridWidth + gw] = at < 0 ? 0f : img[plane + at];
            }
          }
        }
      }
    }
  }

  // img: (C, H, W) at imgOff += the patch matrix col: (C k k, GH GW) at colOff with row stride ld, each value
  // added where its position covers; values that fall in the padding are dropped. The reverse of im2col:
  // each tap that is not its phase's base adds its row, shifted, into the base's (but for the first m grid
  // rows and columns, added directly); then the bases are added into the image. Overwrites col.
  void col2im(float[] img, int imgOff, float[] col, int colOff, int ld) {
    int n = positions();
    for (int c = 0; c < channels; c++) {
      int plane = imgOff + c * height * width;
      int rows = colOff + c * kernel * kernel * ld;
      for (int ki = 0; ki < kernel; ki++) {
        for (int kj = 0; kj < kernel; kj++) {
          int mi = (kernel - 1 - ki) / stride;
          int mj = (kernel - 1 - kj) / stride;
          if (mi == 0 && mj == 0) {
            continue;
          }
          int row = rows + (ki * kernel + kj) * ld;
          int base = rows + ((ki + mi * stride) * kernel + kj + mj * stride) * ld;
          int shift = mi * gridWidth + mj;
          for (int gh = 0; gh < gridHeight; gh++) {
            for (int gw = 0; gw < (gh < mi ? gridWidth : Math.min(mj, gridWidth)); gw++) {
              int at = pixel(gh, gw, ki, kj);
              if (at >= 0) {
                img[plane + at] += col[row + gh * gridWidth + gw];
              }
              col[row + gh * gridWidth + gw] = 0f; // added: the shifted add below must not add it again
            }
          }
          for (int q = shift; q < n; q++) {
            col[base + q - shift] += col[row + q];
          }
        }
      }
      for (int ki = kernel - stride; ki < kernel; ki++) {
        for (int kj = kernel - stride; kj < kernel; kj++) {
          if (ki >= 0 && kj >= 0) {
            scatterAdd(img, plane, col, rows + (ki * kernel + kj) * ld, ki, kj);
          }
        }
      }
    }
  }

  /** The offset in a channel plane of the pixel that tap (ki, kj) reads at grid position (gh, gw); -1 in the padding. */
  private int pixel(int gh, int gw, int ki, int kj) {
    int ih = gh * stride + ki - padding;
    int iw = gw * stride + kj - padding;
    return ih >= 0 && ih < height && iw >= 0 && iw < width ? ih * width + iw : -1;
  }

  // the plain im2col: every tap gathered from the image; the reference of im2col
  void im2colReference(float[] col, int colOff, int ld, float[] img, int imgOff) {
    for (int c = 0; c < channels; c++) {
      for (int ki = 0; ki < kernel; ki++) {
        for (int kj = 0; kj < kernel; kj++) {
          gather(col, colOff + ((c * kernel + ki) * kernel + kj) * ld, img, imgOff + c * height * width, ki, kj);
        }
      }
    }
  }

  // the plain col2im: every tap added into the image; the reference of col2im (col is left as it is)
  void col2imReference(float[] img, int imgOff, float[] col, int colOff, int ld) {
    for (int c = 0; c < channels; c++) {
      for (int ki = 0; ki < kernel; ki++) {
        for (int kj = 0; kj < kernel; kj++) {
          scatterAdd(img, imgOff + c * height * width, col, colOff + ((c * kernel + ki) * kernel + kj) * ld, ki, kj);
        }
      }
    }
  }

  // the row of tap (ki, kj): (GH GW) at row <- the pixels it reads of the channel plane at plane; 0 in the padding
  private void gather(float[] col, int row, float[] img, int plane, int ki, int kj) {
    int from = firstInside(kj);
    int to = endInside(kj);
    for (int gh = 0; gh < gridHeight; gh++) {
      int at = row + gh * gridWidth;
      int ih = gh * stride + ki - padding;
      if (ih < 0 || ih >= height) {
        Arrays.fill(col, at, at + gridWidth, 0f);
        continue;
      }
      // loops rather than Arrays.fill and arraycopy: the runs are short (a few values to a row of 28)
      for (int gw = 0; gw < from; gw++) {
        col[at + gw] = 0f;
      }
      int src = plane + ih * width + kj - padding;
      if (stride == 1) {
        for (int gw = from; gw < to; gw++) {
          col[at + gw] = img[src + gw];
        }
      } else {
        for (int gw = from; gw < to; gw++) {
          col[at + gw] = img[src + gw * stride];
        }
      }
      for (int gw = to; gw < gridWidth; gw++) {
        col[at + gw] = 0f;
      }
    }
  }

  // the channel plane at plane += the row of tap (ki, kj), (GH GW) at row, where it reads the image
  private void scatterAdd(float[] img, int plane, float[] col, int row, int ki, int kj) {
    int from = firstInside(kj);
    int to = endInside(kj);
    for (int gh = 0; gh < gridHeight; gh++) {
      int ih = gh * stride + ki - padding;
      if (ih < 0 || ih >= height) {
        continue;
      }
      int at = row + gh * gridWidth;
      int dst = plane + ih * width + kj - padding;
      if (stride == 1) {
        for (int gw = from; gw < to; gw++) {
          img[dst + gw] += col[at + gw];
        }
      } else {
        for (int gw = from; gw < to; gw++) {
          img[dst + gw * stride] += col[at + gw];
        }
      }
    }
  }

  /** The first gw whose column gw s + kj - p lies inside [0, width) (or gridWidth if none). */
  private int firstInside(int kj) {
    int first = Math.max(0, Math.floorDiv(padding - kj + stride - 1, stride));
    return Math.min(first, gridWidth);
  }

  /** One past the last gw whose column gw s + kj - p lies inside [0, width). */
  private int endInside(int kj) {
    int end = Math.floorDiv(width - 1 + padding - kj, stride) + 1;
    return Math.max(Math.min(end, gridWidth), firstInside(kj));
  }
}
