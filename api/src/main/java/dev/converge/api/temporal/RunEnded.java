package dev.converge.api.temporal;

import io.temporal.client.WorkflowFailedException;
import io.temporal.common.converter.Values;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TerminatedFailure;
import io.temporal.failure.TimeoutFailure;

/**
 * How a run that did not complete ended, for every workflow type alike: a sentence, the failure
 * type when the workflow named one, and the details it attached (a converge's report, a dismiss's
 * result).
 */
public record RunEnded(String message, String type, Values details) {

  public static RunEnded of(WorkflowFailedException e) {
    Throwable cause = e.getCause();
    if (cause instanceof ApplicationFailure failure) {
      return new RunEnded(failure.getOriginalMessage(), failure.getType(), failure.getDetails());
    }
    if (cause instanceof CanceledFailure canceled) {
      // A canceled converge ends with its report (what was compensated) as the details.
      return new RunEnded("canceled", null, canceled.getDetails());
    }
    if (cause instanceof TerminatedFailure terminated) {
      return new RunEnded("terminated: " + terminated.getOriginalMessage(), null, null);
    }
    if (cause instanceof TimeoutFailure) {
      return new RunEnded("timed out", null, null);
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure f) {
        return new RunEnded(f.getOriginalMessage(), f.getType(), f.getDetails());
      }
    }
    return new RunEnded(
        cause == null ? "the run ended without a failure message" : cause.getMessage(), null, null);
  }

  /** The attached details as {@code type}, or null when there are none of that shape. */
  public <T> T detail(Class<T> type) {
    if (details == null || details.getSize() == 0) {
      return null;
    }
    try {
      return details.get(type);
    } catch (RuntimeException notThatShape) {
      // A failure from before the workflow could build its result (e.g. bad input): message only.
      return null;
    }
  }
}
