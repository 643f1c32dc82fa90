package org.vae4j;

/**
 * A failure the user can fix (a missing file, a corrupt download, a bad option value). Its message is
 * one line that names the file or option and what is wrong; the CLI prints it without a stack trace.
 * Shared by every layer; it sits at the root so that no layer has to import another for it.
 */
public class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
