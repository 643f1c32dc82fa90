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

  // col: (C k k, GH GW) at colOff with row stride ld <- the patches of img: (C, H, W) at imgOff; 0 outside the image
  void im2col(float[] col, int colOff, int ld, float[] img, int imgOff) {
    for (int c = 0; c < channels; c++) {
      for (int ki = 0; ki < kernel; ki++) {
        for (int kj = 0; kj < kernel; kj++) {
          int row = colOff + ((c * kernel + ki) * kernel + kj) * ld;
          int from = firstInside(kj);
          int to = endInside(kj);
          for (int gh = 0; gh < gridHeight; gh++) {
            int at = row + gh * gridWidth;
            int ih = gh * stride + ki - padding;
            if (ih < 0 || ih >= height || from >= to) {
              Arrays.fill(col, at, at + gridWidth, 0f);
              continue;
            }
            Arrays.fill(col, at, at + from, 0f);
            int src = imgOff + (c * height + ih) * width + kj - padding;
            if (stride == 1) {
              System.arraycopy(img, src + from, col, at + from, to - from);
            } else {
              for (int gw = from; gw < to; gw++) {
                col[at + gw] = img[src + gw * stride];
              }
            }
            Arrays.fill(col, at + to, at + gridWidth, 0f);
          }
        }
      }
    }
  }

  // img: (C, H, W) at imgOff += the patch matrix col: (C k k, GH GW) at colOff with row stride ld, each value
  // added where its position covers; values that fall in the padding are dropped
  void col2im(float[] img, int imgOff, float[] col, int colOff, int ld) {
    for (int c = 0; c < channels; c++) {
      for (int ki = 0; ki < kernel; ki++) {
        for (int kj = 0; kj < kernel; kj++) {
          int row = colOff + ((c * kernel + ki) * kernel + kj) * ld;
          int from = firstInside(kj);
          int to = endInside(kj);
          for (int gh = 0; gh < gridHeight; gh++) {
            int ih = gh * stride + ki - padding;
            if (ih < 0 || ih >= height) {
              continue;
            }
            int at = row + gh * gridWidth;
            int dst = imgOff + (c * height + ih) * width + kj - padding;
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
