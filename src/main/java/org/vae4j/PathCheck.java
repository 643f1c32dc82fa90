package org.vae4j;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Why a path cannot serve as the file or folder a command expects, in a few words ("a folder, not a file",
 * "a loop of symbolic links"), so that a message says what is there instead of "missing". Special files
 * (pipes, devices) are refused too: reading a pipe would wait forever.
 */
public final class PathCheck {
  private PathCheck() {}

  /** Why file is not a readable regular file, or null when it is one. */
  public static String whyNotAFile(Path file) {
    String problem = problem(file, "no such file");
    if (problem != null) {
      return problem;
    }
    if (Files.isDirectory(file)) {
      return "a folder, not a file";
    }
    if (!Files.isRegularFile(file)) {
      return "not a regular file (a pipe, socket or device)";
    }
    return Files.isReadable(file) ? null : "not readable: permission denied";
  }

  /** Why dir is not a folder whose entries can be read, or null when it is one. */
  public static String whyNotAFolder(Path dir) {
    String problem = problem(dir, "no such folder");
    if (problem != null) {
      return problem;
    }
    if (!Files.isDirectory(dir)) {
      return "a file, not a folder";
    }
    return Files.isReadable(dir) && Files.isExecutable(dir) ? null : "cannot look inside: permission denied";
  }

  /** Throws a UserError when file is no readable regular file: ifAbsent when nothing is there, else why not. */
  public static void requireFile(Path file, String ifAbsent) {
    String problem = whyNotAFile(file);
    if (problem != null) {
      throw new UserError(Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? file + ": " + problem : ifAbsent);
    }
  }

  /** What stops path from being resolved (absent, a dangling or looping link, no access), or null. */
  private static String problem(Path path, String absent) {
    try {
      Files.readAttributes(path, BasicFileAttributes.class); // follows links, as opening would
      return null;
    } catch (NoSuchFileException e) {
      return Files.isSymbolicLink(path) ? "a symbolic link to " + target(path) + ", which does not exist" : absent;
    } catch (AccessDeniedException e) {
      return "not reachable: permission denied";
    } catch (FileSystemException e) {
      // ELOOP: a link that leads back to itself, directly or through others.
      return e.getReason() != null && e.getReason().contains("symbolic links") ? "a loop of symbolic links"
          : AtomicFile.reason(e);
    } catch (IOException e) {
      return AtomicFile.reason(e);
    }
  }

  private static String target(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      return "a missing path";
    }
  }
}
