package org.vae4j.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * vae4j's folder in the user's cache, for the datasets and the digit classifier alike: $XDG_CACHE_HOME/vae4j,
 * else $HOME/.cache/vae4j, else the JVM's user.home/.cache/vae4j. $HOME comes before user.home because the
 * JVM reads user.home from the password file, so a user who points HOME elsewhere would be ignored.
 */
public final class UserCache {
  private UserCache() {}

  /** The folder for this process's environment. */
  public static Path folder() {
    return folder(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** The folder for these environment variables, with userHome (user.home) as the last resort. */
  public static Path folder(Map<String, String> variables, Path userHome) {
    // The XDG spec says to ignore relative paths; a relative HOME is as meaningless.
    Path xdg = absolute(variables.get("XDG_CACHE_HOME"));
    if (xdg != null) {
      return xdg.resolve("vae4j");
    }
    Path home = absolute(variables.get("HOME"));
    return (home != null ? home : userHome).resolve(".cache").resolve("vae4j");
  }

  private static Path absolute(String dir) {
    return dir != null && !dir.isEmpty() && Path.of(dir).isAbsolute() ? Path.of(dir) : null;
  }
}
