/**
 * The command line: one picocli class per subcommand, error reporting and exit codes (0 success, 1 a
 * runtime failure, 2 a usage error). The top of the dependency graph: it may use every other package.
 */
package org.vae4j.cli;
