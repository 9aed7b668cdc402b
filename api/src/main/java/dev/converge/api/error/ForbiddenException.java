package dev.converge.api.error;

/** A known token reaching for a kube context or namespace it was not given: 403. */
public class ForbiddenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ForbiddenException(String message) {
    super(message);
  }
}
