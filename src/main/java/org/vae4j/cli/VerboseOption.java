package org.vae4j.cli;

import picocli.CommandLine.Option;

/** --verbose, shared by every subcommand; Main reads it from the parse result when reporting errors. */
final class VerboseOption {
  static final String NAME = "--verbose";

  @Option(names = NAME, description = "Show the stack trace of an error")
  boolean verbose;
}
