package dev.converge.api.error;

/**
 * A bundle run awaited with {@code ?wait=true} that failed: 409 for a tag that exists, else 422.
 */
public class BundleFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String type;
  private final String workflowId;

  public BundleFailedException(String message, String type, String workflowId) {
    super(message);
    this.type = type;
    this.workflowId = workflowId;
  }

  /** The failure type, e.g. TagExists, RegistryRefused, RenderFailed. */
  public String type() {
    return type;
  }

  public String workflowId() {
    return workflowId;
  }
}
