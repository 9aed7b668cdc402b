package dev.converge.api.error;

/** A dismiss awaited with {@code ?wait=true} that failed: 422 with the error and what it did. */
public class OperationFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Object result;

  public OperationFailedException(String message, Object result) {
    super(message);
    this.result = result;
  }

  public Object result() {
    return result;
  }
}
