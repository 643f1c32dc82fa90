package org.vae4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vae4j.eval.ClassifierCache;

class UserCacheTest {
  private static final Path USER_HOME = Path.of("/etc-passwd-home");

  @Test
  void xdgCacheHomeComesFirstWhenAbsolute() {
    assertThat(UserCache.folder(Map.of("XDG_CACHE_HOME", "/c", "HOME", "/h"), USER_HOME))
        .isEqualTo(Path.of("/c/vae4j"));
    assertThat(UserCache.folder(Map.of("XDG_CACHE_HOME", "relative", "HOME", "/h"), USER_HOME))
        .isEqualTo(Path.of("/h/.cache/vae4j"));
  }

  @Test
  void homeComesBeforeTheJvmsUserHome() {
    assertThat(UserCache.folder(Map.of("HOME", "/h"), USER_HOME)).isEqualTo(Path.of("/h/.cache/vae4j"));
    assertThat(UserCache.folder(Map.of("HOME", ""), USER_HOME)).isEqualTo(Path.of("/etc-passwd-home/.cache/vae4j"));
    assertThat(UserCache.folder(Map.of("HOME", "h"), USER_HOME)).isEqualTo(Path.of("/etc-passwd-home/.cache/vae4j"));
    assertThat(UserCache.folder(Map.of(), USER_HOME)).isEqualTo(Path.of("/etc-passwd-home/.cache/vae4j"));
  }

  @Test
  void theDatasetsAndTheClassifierShareIt() {
    Path folder = UserCache.folder();
    assertThat(Environment.system().cacheDir("mnist")).isEqualTo(folder.resolve("mnist"));
    assertThat(ClassifierCache.defaultDir()).isEqualTo(folder.resolve("classifier"));
  }
}
