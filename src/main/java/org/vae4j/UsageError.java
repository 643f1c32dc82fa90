package org.vae4j;

/** A UserError caused by how the program was called (an option value out of range); the CLI exits with 2. */
public class UsageError extends UserError {
  private static final long serialVersionUID = 1L;

  public UsageError(String message) {
    super(message);
  }
}
