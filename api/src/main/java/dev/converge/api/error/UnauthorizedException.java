package dev.converge.api.error;

/** No bearer token, or one not in the configuration: 401. */
public class UnauthorizedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnauthorizedException(String message) {
    super(message);
  }
}
