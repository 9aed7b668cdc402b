package dev.converge.api.error;

/** A converge of the release is already running (the workflow id is the lock): 409. */
public class ConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String workflowId;

  public ConflictException(String message, String workflowId) {
    super(message);
    this.workflowId = workflowId;
  }

  public String workflowId() {
    return workflowId;
  }
}
