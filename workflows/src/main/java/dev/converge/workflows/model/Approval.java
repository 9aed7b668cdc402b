package dev.converge.workflows.model;

/**
 * A converge that waits, after planning, for someone to approve exactly its plan.
 *
 * @param timeoutSeconds how long it waits for a decision; none by then: CANCELED, nothing written
 */
public record Approval(boolean required, int timeoutSeconds) {
  public static final int DEFAULT_TIMEOUT_SECONDS = 24 * 3600;
  public static final int MAX_TIMEOUT_SECONDS = 30 * 24 * 3600;
}
