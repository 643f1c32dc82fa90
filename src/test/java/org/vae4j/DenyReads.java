package org.vae4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * chmod 000 for the unreadable-file cases. Tests may run as root, whose reads chmod does not deny: there the
 * case cannot be made, and the test says so on stdout and leaves it out (the rest of the test still runs).
 */
public final class DenyReads {
  private DenyReads() {}

  /** Takes every permission from path; true when reading it is now refused. */
  public static boolean on(Path path, String testCase) throws IOException {
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("---------"));
    if (Files.isReadable(path)) {
      System.out.println("running as root, where chmod 000 does not deny reads: not tried: " + testCase);
      return false;
    }
    return true;
  }
}
