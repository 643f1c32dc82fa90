package org.vae4j.serve;

/** A request the API refuses: the HTTP status and one line saying what is wrong, sent as JSON. */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  ApiError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, message);
  }

  int status() {
    return status;
  }
}
