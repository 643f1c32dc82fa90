package org.vae4j.cli;

import java.io.PrintWriter;
import org.vae4j.InvalidSetting;
import org.vae4j.UsageError;
import org.vae4j.UserError;
import org.vae4j.train.TrainingDiverged;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** The vae4j command. Errors are one line on stderr; --verbose adds the stack trace. */
@Command(name = "vae4j", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Train, evaluate and explore variational autoencoders on MNIST-style images.",
    subcommands = {TrainCommand.class, EvalCommand.class, FiguresCommand.class, SampleCommand.class,
        SummaryCommand.class, ExperimentCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {
  static final int RUNTIME_FAILURE = 1;
  static final int USAGE_ERROR = 2;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for main and for tests (which set their own out and err). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(Main::handleFailure);
    cl.setParameterExceptionHandler(Main::handleUsageError);
    return cl;
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
