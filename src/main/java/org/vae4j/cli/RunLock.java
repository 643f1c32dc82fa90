package org.vae4j.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.vae4j.AtomicFile;
import org.vae4j.UserError;

/**
 * One command at a time in a folder it writes. The lock file DIR/.vae4j.lock holds the PID of the process
 * that holds it, and carries a FileLock, which the kernel drops when that process ends, however it ends: a
 * lock file left by a killed process is stale and is taken over. A second command gets one line naming the
 * holder. Main releases the locks a command took when the command ends.
 */
final class RunLock {
  static final String FILE = ".vae4j.lock";
  private static final int ATTEMPTS = 100;
  private static final List<RunLock> HELD = new ArrayList<>();

  private final Path file;
  private final FileChannel channel; // open while the lock is held: closing it drops the lock

  private RunLock(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Locks dir, which must exist, for this process until {@link #releaseAll}; a UserError if another holds it. */
  static synchronized void acquire(Path dir) {
    Path file = dir.resolve(FILE);
    String pid = Long.toString(ProcessHandle.current().pid());
    // Checked here, not by a second channel: closing any channel on the file would drop this process's lock.
    Path absolute = file.toAbsolutePath().normalize();
    if (HELD.stream().anyMatch(held -> held.file.toAbsolutePath().normalize().equals(absolute))) {
      throw inUse(dir, file, pid);
    }
    try {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        Object before = fileKey(file);
        // NOFOLLOW_LINKS: a lock file planted as a symlink must not make us truncate what it points to.
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        if (channel.tryLock() == null) {
          String holder = read(channel);
          channel.close();
          throw inUse(dir, file, holder);
        }
        // A holder deletes the file before it lets go. The file we locked is the one under the name only if
        // the name kept its file from before we opened it to now; else start again. (The check cannot open
        // the file again: closing that channel would drop our lock, as POSIX locks go.)
        if (before != null && before.equals(fileKey(file))) {
          channel.truncate(0);
          channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
          HELD.add(new RunLock(file, channel));
          return;
        }
        channel.close();
      }
      throw new UserError(file + ": cannot lock the folder: the lock changed hands " + ATTEMPTS + " times");
    } catch (IOException e) {
      throw new UserError(file + ": cannot lock the folder: " + AtomicFile.reason(e), e);
    }
  }

  private static UserError inUse(Path dir, Path file, String holder) {
    return new UserError(dir + " is in use by process " + (holder.matches("\\d{1,19}") ? holder : "(unknown)")
        + ", which holds " + file + "; wait until it ends");
  }

  /** Releases every lock this process took: each file is deleted, then its lock dropped. */
  static synchronized void releaseAll() {
    for (RunLock lock : HELD) {
      lock.release();
    }
    HELD.clear();
  }

  private void release() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Harmless: a lock file without a FileLock is stale, and the next command takes it over.
    }
    try {
      channel.close();
    } catch (IOException e) {
      // The kernel drops the lock with the process at the latest.
    }
  }

  /** What the file holds: a PID, or "" before its holder has written it. */
  private static String read(FileChannel channel) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(32);
    channel.read(bytes, 0);
    return new String(bytes.array(), 0, bytes.position(), StandardCharsets.US_ASCII).strip();
  }

  /** The identity of the file under that name (device and inode), or null when there is none. */
  private static Object fileKey(Path file) throws IOException {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
