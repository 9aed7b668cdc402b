package dev.converge.api.error;

/** Temporal or the Kubernetes API cannot be reached right now: 503, worth a retry. */
public class UnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
