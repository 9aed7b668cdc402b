package dev.converge.api.error;

import dev.converge.workflows.model.ConvergeResult;

/** A converge awaited with {@code ?wait=true} that did not deploy: 422 with its report. */
public class RunFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ConvergeResult report;

  public RunFailedException(String message, ConvergeResult report) {
    super(message);
    this.report = report;
  }

  /**
   * The report (docs/contracts.md#report), or null when the run ended before it could write one.
   */
  public ConvergeResult report() {
    return report;
  }
}
