package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real process whose $HOME is not the password file's home finds its data in $HOME/.cache/vae4j. */
class CacheFollowsHomeTest {
  @TempDir
  Path dir;

  @Test
  void theDataCacheIsUnderHomeWhenXdgCacheHomeIsUnset() throws Exception {
    Path home = dir.resolve("home");
    Path cache = FakeData.write(home.resolve(".cache/vae4j/mnist"), 20, 4, 4);
    ProcessBuilder builder = new ProcessBuilder(ChildProcess.command(List.of(), "train", "--out",
        dir.resolve("run").toString(), "--epochs", "1", "--hidden", "8", "--latent", "2", "--threads", "1"));
    Map<String, String> env = builder.environment();
    env.remove("XDG_CACHE_HOME");
    env.remove("VAE4J_DATA");
    env.put("HOME", home.toString());
    Path log = dir.resolve("child.log");
    Process child = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();

    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(Files.readString(log)).isZero();
    assertThat(Files.readString(log)).contains("MNIST: using " + cache + " (cache)");
  }
}
