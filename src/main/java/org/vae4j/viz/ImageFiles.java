package org.vae4j.viz;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.vae4j.AtomicFile;

/** Writes PNG files and looping animated GIFs with ImageIO, each atomically. */
public final class ImageFiles {
  private static final String GIF_FORMAT = "javax_imageio_gif_image_1.0";

  private ImageFiles() {}

  public static void writePng(Path file, BufferedImage image) {
    AtomicFile.write(file, out -> {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer in this JDK");
      }
    });
  }

  /**
   * An animated GIF that loops forever (the NETSCAPE2.0 application extension with loop count 0), each
   * frame shown for delayMillis (rounded to hundredths of a second). Frames should be grey RGB images
   * (their blue channel is kept); they are stored with a 256-level grey palette.
   */
  public static void writeLoopingGif(Path file, List<BufferedImage> frames, int delayMillis) {
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("a GIF needs at least one frame");
    }
    AtomicFile.write(file, out -> {
      ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
      try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
        writer.setOutput(stream);
        writer.prepareWriteSequence(null);
        for (int i = 0; i < frames.size(); i++) {
          BufferedImage frame = toGreyPalette(frames.get(i));
          IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(frame), null);
          IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(GIF_FORMAT);
          IIOMetadataNode control = child(root, "GraphicControlExtension");
          control.setAttribute("disposalMethod", "none");
          control.setAttribute("userInputFlag", "FALSE");
          control.setAttribute("transparentColorFlag", "FALSE");
          control.setAttribute("delayTime", Integer.toString(Math.max(1, Math.round(delayMillis / 10f))));
          control.setAttribute("transparentColorIndex", "0");
          if (i == 0) {
            IIOMetadataNode extension = new IIOMetadataNode("ApplicationExtension");
            extension.setAttribute("applicationID", "NETSCAPE");
            extension.setAttribute("authenticationCode", "2.0");
            extension.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0 = forever
            child(root, "ApplicationExtensions").appendChild(extension);
          }
          metadata.setFromTree(GIF_FORMAT, root);
          writer.writeToSequence(new IIOImage(frame, null, metadata), null);
        }
        writer.endWriteSequence();
      } finally {
        writer.dispose();
      }
    });
  }

  private static BufferedImage toGreyPalette(BufferedImage image) {
    byte[] levels = new byte[256];
    for (int i = 0; i < 256; i++) {
      levels[i] = (byte) i;
    }
    IndexColorModel grey = new IndexColorModel(8, 256, levels, levels, levels);
    BufferedImage indexed = new BufferedImage(image.getWidth(), image.getHeight(),
        BufferedImage.TYPE_BYTE_INDEXED, grey);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        indexed.getRaster().setSample(x, y, 0, image.getRGB(x, y) & 0xFF);
      }
    }
    return indexed;
  }

  private static IIOMetadataNode child(IIOMetadataNode root, String name) {
    for (int i = 0; i < root.getLength(); i++) {
      if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
        return (IIOMetadataNode) root.item(i);
      }
    }
    IIOMetadataNode node = new IIOMetadataNode(name);
    root.appendChild(node);
    return node;
  }
}
