package org.vae4j.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.vae4j.PathCheck;
import org.vae4j.UserError;

/**
 * A folder of image files as a dataset, in torchvision's ImageFolder layout: a folder per class (its name the
 * class's; labels 0..C-1 in the names' sorted order; images anywhere below it), or the images directly in the
 * folder, without labels. Either the folder holds train/ and test/ folders, each laid out so, or its images
 * are split: of each class, a fraction (sorted by path, shuffled with {@link #SPLIT_SEED}) is the test set.
 *
 * <p>Image files are those named .png, .jpg, .jpeg, .gif or .bmp (any case); other files and hidden ones
 * (".name") are passed over. Each is read in grey ({@link GreyImage}) and brought to one size. A file that
 * ImageIO cannot decode is left out, and one line on the log says how many and names the first; every other
 * problem (no images, one class only, mixed sizes without a size to bring them to) is a one-line UserError.
 */
public final class ImageFolder {
  /** The seed of the split into training and test images: the same folder splits the same way everywhere. */
  public static final long SPLIT_SEED = 20_250_101L;
  /** File name endings ImageIO reads. */
  public static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".gif", ".bmp");
  /** Labels are one unsigned byte. */
  public static final int MAX_CLASSES = 256;
  private static final int NAMED_FAILURES = 3;

  private ImageFolder() {}

  /** Whether dir looks like a folder of images rather than of IDX files: it holds no IDX file. */
  public static boolean isImageFolder(Path dir) {
    return Files.isDirectory(dir) && DatasetFolder.FILES.stream().noneMatch(name -> Files.exists(dir.resolve(name))
        || Files.exists(dir.resolve(name + ".gz")));
  }

  /** The dataset of dir, named after it, with the options as they were resolved (the size found, the split). */
  public static Dataset read(Path dir, FolderOptions options, PrintStream log) {
    String problem = PathCheck.whyNotAFolder(dir);
    if (problem != null) {
      throw new UserError(dir + ": " + problem);
    }
    Path trainDir = dir.resolve("train");
    Path testDir = dir.resolve("test");
    List<Entry> train;
    List<Entry> test;
    List<String> classes;
    Double fraction = options.testFraction();
    if (Files.isDirectory(trainDir) && Files.isDirectory(testDir)) {
      if (fraction != null) {
        throw new UserError(dir + " is split already, into train/ and test/ folders: leave out the test fraction");
      }
      Layout trainLayout = Layout.of(trainDir);
      Layout testLayout = Layout.of(testDir);
      classes = trainLayout.classes;
      if (!classes.containsAll(testLayout.classes) || classes.isEmpty() != testLayout.classes.isEmpty()) {
        throw new UserError(testDir + ": its classes " + testLayout.classes + " are not among those of "
            + trainDir + ", " + classes);
      }
      train = trainLayout.entries(classes);
      test = testLayout.entries(classes);
    } else {
      Layout layout = Layout.of(dir);
      classes = layout.classes;
      fraction = fraction != null ? fraction : FolderOptions.DEFAULT_TEST_FRACTION;
      List<List<Entry>> split = split(layout.entries(classes), classes.size(), fraction);
      train = split.get(0);
      test = split.get(1);
      if (test.isEmpty() || train.isEmpty()) {
        throw new UserError(dir + ": a test fraction of " + fraction + " of its " + (train.size() + test.size())
            + " images leaves " + (test.isEmpty() ? "no test image" : "no training image")
            + "; give another fraction, or add images");
      }
    }
    Decoded decoded = decode(dir, train, test, options.size(), log);
    FolderOptions resolved = new FolderOptions(decoded.size, fraction);
    return new Dataset(name(dir), decoded.set(decoded.train, classes), decoded.set(decoded.test, classes), resolved);
  }

  /** A folder's dataset name: the folder's own name ("images" for the root). */
  public static String name(Path dir) {
    Path name = dir.toAbsolutePath().normalize().getFileName();
    return name == null ? "images" : name.toString();
  }

  /** An image file and its label (-1: none). */
  record Entry(Path file, int label) {}

  /** What a folder holds: its class folders (sorted; empty when its images are unlabelled), or its images. */
  private record Layout(Path dir, List<String> classes, List<Path> looseImages) {
    static Layout of(Path dir) {
      List<String> classes = new ArrayList<>();
      List<Path> images = new ArrayList<>();
      for (Path p : list(dir)) {
        if (Files.isDirectory(p)) {
          classes.add(p.getFileName().toString());
        } else if (isImage(p)) {
          images.add(p);
        }
      }
      if (!classes.isEmpty() && !images.isEmpty()) {
        throw new UserError(dir + " holds both images (" + images.get(0).getFileName() + ") and folders ("
            + classes.get(0) + "/): put every image in the folder of its class, or all directly in " + dir
            + " to train without labels");
      }
      if (classes.size() == 1) {
        throw new UserError(dir + " holds one class folder only (" + classes.get(0) + "/): labels need two "
            + "classes at least; add the other classes' folders, or put the images directly in " + dir
            + " to train without labels");
      }
      if (classes.size() > MAX_CLASSES) {
        throw new UserError(dir + " holds " + classes.size() + " class folders; vae4j takes at most " + MAX_CLASSES);
      }
      if (classes.isEmpty() && images.isEmpty()) {
        throw new UserError(dir + ": no images in it (files named " + String.join(", ", EXTENSIONS) + ")");
      }
      return new Layout(dir, classes, images);
    }

    /** The images with their labels (their class's index in all), class by class, each class's sorted by path. */
    List<Entry> entries(List<String> all) {
      List<Entry> entries = new ArrayList<>();
      if (classes.isEmpty()) {
        looseImages.forEach(f -> entries.add(new Entry(f, -1)));
        return entries;
      }
      for (String c : classes) {
        Path classDir = dir.resolve(c);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classDir)) {
          files = walk.filter(p -> !hidden(classDir.relativize(p)) && Files.isRegularFile(p) && isImage(p))
              .sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
          throw new UserError(classDir + ": cannot list it: " + e.getMessage());
        }
        if (files.isEmpty()) {
          throw new UserError(classDir + ": no images in this class folder (files named "
              + String.join(", ", EXTENSIONS) + ")");
        }
        int label = all.indexOf(c);
        files.forEach(f -> entries.add(new Entry(f, label)));
      }
      return entries;
    }
  }

  /** Of each class (or of all, without labels), round(fraction x its count) images to test, drawn seeded. */
  static List<List<Entry>> split(List<Entry> entries, int classes, double fraction) {
    List<Entry> train = new ArrayList<>();
    List<Entry> test = new ArrayList<>();
    for (int c = classes == 0 ? -1 : 0; c < Math.max(classes, 0); c++) {
      int label = c;
      List<Entry> ofClass = new ArrayList<>(entries.stream().filter(e -> e.label() == label).toList());
      Collections.shuffle(ofClass, new java.util.Random(SPLIT_SEED + label));
      int tests = (int) Math.round(fraction * ofClass.size());
      test.addAll(ofClass.subList(0, tests));
      train.addAll(ofClass.subList(tests, ofClass.size()));
    }
    return List.of(train, test);
  }

  /** The decoded images of both sets, all of one size. */
  private record Decoded(ImageSize size, List<Image> train, List<Image> test) {
    ImageSet set(List<Image> images, List<String> classes) {
      // A fixed shuffle, so that the first images of a set (figures, --test-images) mix the classes.
      List<Image> order = new ArrayList<>(images);
      Collections.shuffle(order, new java.util.Random(SPLIT_SEED));
      int p = size.width() * size.height();
      byte[] pixels = new byte[order.size() * p];
      byte[] labels = classes.isEmpty() ? null : new byte[order.size()];
      for (int i = 0; i < order.size(); i++) {
        System.arraycopy(order.get(i).grey.pixels(), 0, pixels, i * p, p);
        if (labels != null) {
          labels[i] = (byte) order.get(i).entry.label();
        }
      }
      return new ImageSet(pixels, labels, classes, order.size(), size.height(), size.width());
    }
  }

  private record Image(Entry entry, GreyImage grey) {}

  /** Decodes every file on all cores, then checks sizes and leaves out (saying so) the files that failed. */
  private static Decoded decode(Path dir, List<Entry> train, List<Entry> test, ImageSize size, PrintStream log) {
    List<Entry> all = new ArrayList<>(train);
    all.addAll(test);
    Object[] results = new Object[all.size()]; // a GreyImage, or the IOException's message
    IntStream.range(0, all.size()).parallel().forEach(i -> {
      try {
        GreyImage grey = GreyImage.read(all.get(i).file());
        results[i] = size == null ? grey : grey.resized(size.width(), size.height());
      } catch (IOException e) {
        results[i] = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      }
    });
    List<Image> trainImages = new ArrayList<>();
    List<Image> testImages = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    GreyImage first = null; // the first in path order: the size all must have
    Path firstFile = null;
    Integer[] byPath = IntStream.range(0, all.size()).boxed().sorted((a, b) -> all.get(a).file()
        .compareTo(all.get(b).file())).toArray(Integer[]::new);
    for (int i : byPath) {
      Path file = all.get(i).file();
      if (!(results[i] instanceof GreyImage grey)) {
        failures.add(dir.relativize(file) + " (" + oneLine((String) results[i]) + ")");
      } else if (first == null) {
        first = grey;
        firstFile = file;
      } else if (grey.width() != first.width() || grey.height() != first.height()) {
        throw new UserError(dir + ": images of different sizes (" + dir.relativize(firstFile) + " is "
            + first.width() + "x" + first.height() + ", " + dir.relativize(file) + " is " + grey.width() + "x"
            + grey.height() + "); give an image size, WxH, to resize them all to");
      }
    }
    for (int i = 0; i < all.size(); i++) {
      if (results[i] instanceof GreyImage grey) {
        (i < train.size() ? trainImages : testImages).add(new Image(all.get(i), grey));
      }
    }
    if (!failures.isEmpty()) {
      log.printf(Locale.ROOT, "vae4j: left out %d of %d image files that cannot be read: %s%s%n", failures.size(),
          all.size(), String.join(", ", failures.subList(0, Math.min(NAMED_FAILURES, failures.size()))),
          failures.size() > NAMED_FAILURES ? ", ..." : "");
    }
    if (trainImages.isEmpty() || testImages.isEmpty()) {
      throw new UserError(dir + ": no " + (trainImages.isEmpty() ? "training" : "test") + " image can be read"
          + (failures.isEmpty() ? "" : " (the first that cannot: " + failures.get(0) + ")"));
    }
    ImageSize found = new ImageSize(first.width(), first.height());
    log.printf(Locale.ROOT, "vae4j: %s: %d training and %d test images of %s pixels in grey%s%n", dir,
        trainImages.size(), testImages.size(), found, size == null ? "" : " (resized by area averaging)");
    return new Decoded(found, trainImages, testImages);
  }

  private static String oneLine(String message) {
    String line = message.replaceAll("\\p{Cntrl}", " ").strip();
    return line.length() <= 80 ? line : line.substring(0, 77) + "...";
  }

  /** The folder's entries but the hidden ones, sorted by name. */
  private static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new UserError(dir + ": cannot list it: " + e.getMessage());
    }
  }

  private static boolean isImage(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
