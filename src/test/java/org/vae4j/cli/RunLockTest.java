package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One command at a time in a run folder: a second gets one line naming the first's PID; a dead one's lock is stale. */
class RunLockTest {
  @TempDir
  Path dir;

  private Process first;

  @AfterEach
  void endTheFirstProcess() throws InterruptedException {
    if (first != null) {
      first.destroyForcibly();
      first.waitFor();
    }
    RunLock.releaseAll();
  }

  private Path data() throws IOException {
    return FakeData.write(dir.resolve("data"), 100, 4, 4);
  }

  private static String[] train(Path data, Path out, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("train", "--data", data.toString(), "--out", out.toString(),
        "--hidden", "8", "--latent", "2", "--batch", "10", "--threads", "1", "--engine", "java"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** Starts a long training process on out and waits until it holds the lock. */
  private Process startLongRun(Path data, Path out) throws IOException, InterruptedException {
    // No Vector API module, so the JVM prints no warning: the log holds only what vae4j says.
    Process p = ChildProcess.start(dir.resolve("first.log"),
        ChildProcess.command(List.of(), train(data, out, "--epochs", "100000")));
    Path lock = out.resolve(RunLock.FILE);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!(Files.exists(lock) && Files.readString(lock).equals(p.pid() + "\n"))) {
      assertThat(p.isAlive()).as(Files.readString(dir.resolve("first.log"))).isTrue();
      assertThat(System.nanoTime()).as("the first process took no lock in a minute").isLessThan(deadline);
      Thread.sleep(10);
    }
    return p;
  }

  @Test
  void aSecondTrainingOnTheSameOutFolderIsRefusedInOneLineNamingTheFirst() throws Exception {
    Path data = data();
    Path out = dir.resolve("run");
    first = startLongRun(data, out);

    Path log = dir.resolve("second.log");
    int code = ChildProcess.run(log, ChildProcess.command(List.of(), train(data, out, "--epochs", "1", "--force")));

    assertThat(code).isEqualTo(1);
    assertThat(Files.readString(log)).isEqualTo("vae4j train: " + out + " is in use by process " + first.pid()
        + ", which holds " + out.resolve(RunLock.FILE) + "; wait until it ends\n");
    assertThat(first.isAlive()).isTrue();
  }

  @Test
  void theLockFileOfAKilledProcessIsStaleAndTakenOver() throws Exception {
    Path data = data();
    Path out = dir.resolve("run");
    first = startLongRun(data, out);
    first.destroyForcibly(); // SIGKILL: the process cannot delete its lock file
    first.waitFor();
    assertThat(Files.readString(out.resolve(RunLock.FILE))).isEqualTo(first.pid() + "\n");

    CliRun second = CliRun.of(train(data, out, "--epochs", "1", "--force"));

    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(out.resolve(RunLock.FILE)).as("released at the end").doesNotExist();
  }

  @Test
  void everyCommandThatWritesARunFolderTakesItsLock() throws IOException {
    Path data = data();
    Path run = dir.resolve("run");
    assertThat(CliRun.of(train(data, run, "--epochs", "1")).exitCode()).isZero();
    assertThat(run.resolve(RunLock.FILE)).as("released after the command").doesNotExist();
    String inUse = run + " is in use by process " + ProcessHandle.current().pid();

    List<String[]> commands = List.of(
        train(data, run, "--epochs", "1", "--force"),
        new String[] {"train", "--resume", run.toString()},
        new String[] {"eval", "--model", run.toString(), "--data", data.toString(), "--no-sample-quality"},
        new String[] {"figures", "--model", run.toString(), "--data", data.toString()},
        new String[] {"experiment", "--data", data.toString(), "--out", run.toString(), "--latents", "2",
            "--epochs", "1"});
    for (String[] command : commands) {
      RunLock.acquire(run); // as another process would hold it; here this one does, until the command ends
      CliRun refused = CliRun.of(command);
      assertThat(refused.exitCode()).as(String.join(" ", command)).isEqualTo(1);
      assertThat(refused.err()).as(String.join(" ", command)).startsWith("vae4j " + command[0] + ": " + inUse)
          .hasLineCount(1);
    }
    assertThat(CliRun.of("figures", "--model", run.toString(), "--data", data.toString(), "--out",
        dir.resolve("elsewhere").toString(), "--only", "architecture").exitCode())
        .as("figures outside the run folder lock that folder instead").isZero();
  }

  @Test
  void aLockFilePlantedAsASymlinkIsNotFollowed() throws IOException {
    Path run = Files.createDirectories(dir.resolve("run"));
    Path victim = Files.writeString(dir.resolve("victim"), "precious");
    Files.createSymbolicLink(run.resolve(RunLock.FILE), victim);

    CliRun refused = CliRun.of(train(data(), run, "--epochs", "1"));

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).startsWith("vae4j train: " + run.resolve(RunLock.FILE) + ": cannot lock the folder: ")
        .hasLineCount(1);
    assertThat(Files.readString(victim)).isEqualTo("precious");
  }
}
