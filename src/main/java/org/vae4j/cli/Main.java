package org.vae4j.cli;

import java.io.PrintWriter;
import org.vae4j.InvalidSetting;
import org.vae4j.UsageError;
import org.vae4j.UserError;
import org.vae4j.train.TrainingDiverged;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** The vae4j command. Errors are one line on stderr; --verbose adds the stack trace. */
@Command(name = "vae4j", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Train, evaluate and explore variational autoencoders on MNIST-style images.",
    subcommands = {TrainCommand.class, EvalCommand.class, FiguresCommand.class, SampleCommand.class,
        SummaryCommand.class, ExperimentCommand.class, BenchCommand.class, CurvesCommand.class, ServeCommand.class,
        ScoreCommand.class, AnomalyBenchmarkCommand.class, ExportCommand.class, CommandLine.HelpCommand.class})
public final class Main {
  static final int RUNTIME_FAILURE = 1;
  static final int USAGE_ERROR = 2;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for main and for tests (which set their own out and err). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionStrategy(Main::run);
    cl.setExecutionExceptionHandler(Main::handleFailure);
    cl.setParameterExceptionHandler(Main::handleUsageError);
    return cl;
  }

  /**
   * Runs the command; the folder locks it took are released however it ends, and running out of memory,
   * an Error that picocli would let through with its stack trace, is reported like any failure.
   */
  private static int run(ParseResult parsed) {
    try {
      return new CommandLine.RunLast().execute(parsed);
    } catch (OutOfMemoryError e) {
      ParseResult command = parsed;
      while (command.hasSubcommand()) {
        command = command.subcommand();
      }
      throw new ExecutionException(command.commandSpec().commandLine(), "out of memory", e);
    } finally {
      RunLock.releaseAll();
    }
  }

  private static int handleUsageError(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    String hint = "see '" + cl.getCommandSpec().qualifiedName() + " --help'";
    if (e instanceof UnmatchedArgumentException && !((UnmatchedArgumentException) e).getSuggestions().isEmpty()) {
      hint = "did you mean " + String.join(" or ", ((UnmatchedArgumentException) e).getSuggestions()) + "? " + hint;
    }
    cl.getErr().println(prefix(cl) + e.getMessage() + " (" + hint + ")");
    return USAGE_ERROR;
  }

  private static int handleFailure(Exception e, CommandLine cl, ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof InvalidSetting setting) {
      err.println(prefix(cl) + option(cl, setting.setting()) + " " + setting.problem());
    } else if (e instanceof TrainingDiverged diverged) {
      err.println(prefix(cl) + e.getMessage() + " (try a smaller --lr"
          + (diverged.clipping() ? "" : " or --clip, e.g. --clip 100") + ")");
    } else if (e instanceof UserError) {
      err.println(prefix(cl) + e.getMessage());
    } else if (e.getCause() instanceof OutOfMemoryError oom) {
      err.println(prefix(cl) + OutOfMemory.advice(oom, Runtime.getRuntime().maxMemory(),
          cl.getCommandSpec().qualifiedName()));
    } else {
      err.println(prefix(cl) + "internal error: " + e + (verbose(parsed) ? "" : " (--verbose shows where)"));
    }
    if (verbose(parsed)) {
      e.printStackTrace(err);
    }
    err.flush();
    return e instanceof UsageError ? USAGE_ERROR : RUNTIME_FAILURE;
  }

  /**
   * The command's option for a setting ("kl_warmup" is --kl-warmup; "kind" is --kind, or --model where that
   * names the kind), or the setting's own name.
   */
  static String option(CommandLine cl, String setting) {
    String name = "--" + setting.replace('_', '-');
    if (cl.getCommandSpec().findOption(name) != null) {
      return name;
    }
    return setting.equals("kind") && cl.getCommandSpec().findOption("--model") != null ? "--model" : setting;
  }

  private static String prefix(CommandLine cl) {
    return cl.getCommandSpec().qualifiedName() + ": ";
  }

  private static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(VerboseOption.NAME)) {
        return true;
      }
    }
    return false;
  }
}
