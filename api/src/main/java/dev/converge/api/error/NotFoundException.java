package dev.converge.api.error;

/** A workflow, run or release that does not exist: 404. */
public class NotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
