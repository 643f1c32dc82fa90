package org.vae4j;

/**
 * A setting out of range, named as the code names it ("latent", "kl_warmup"). The command line shows it
 * under the name of its option ("--latent"); a file reader, under the file's name. Layers below the command
 * line never name flags.
 */
public class InvalidSetting extends UsageError {
  private static final long serialVersionUID = 1L;
  private final String setting;
  private final String problem;

  public InvalidSetting(String setting, String problem) {
    super(setting + " " + problem);
    this.setting = setting;
    this.problem = problem;
  }

  /** The setting's name, snake_case as in files. */
  public String setting() {
    return setting;
  }

  /** What is wrong, e.g. "must be at least 1, got 0". */
  public String problem() {
    return problem;
  }

  /** Throws unless value >= minimum. */
  public static int atLeast(String setting, int value, int minimum) {
    if (value < minimum) {
      throw new InvalidSetting(setting, "must be at least " + minimum + ", got " + value);
    }
    return value;
  }
}
