package dev.converge.api.converge;

import dev.converge.workflows.model.ConvergeResult;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.converter.Values;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TerminatedFailure;
import io.temporal.failure.TimeoutFailure;

/**
 * How a run that did not complete ended: a sentence and, when the workflow wrote one, the report.
 */
record RunEnd(String error, ConvergeResult report) {

  static RunEnd of(WorkflowFailedException e) {
    Throwable cause = e.getCause();
    if (cause instanceof ApplicationFailure failure) {
      return new RunEnd(failure.getOriginalMessage(), report(failure.getDetails()));
    }
    if (cause instanceof CanceledFailure canceled) {
      // The workflow ends a cancel with its report (what was compensated) as the details.
      return new RunEnd("canceled", report(canceled.getDetails()));
    }
    if (cause instanceof TerminatedFailure terminated) {
      return new RunEnd("terminated: " + terminated.getOriginalMessage(), null);
    }
    if (cause instanceof TimeoutFailure) {
      return new RunEnd("timed out", null);
    }
    return new RunEnd(String.valueOf(cause), null);
  }

  private static ConvergeResult report(Values details) {
    if (details == null || details.getSize() == 0) {
      return null;
    }
    try {
      return details.get(ConvergeResult.class);
    } catch (RuntimeException notAReport) {
      // A failure from before the workflow could build a report (e.g. bad input): message only.
      return null;
    }
  }
}
