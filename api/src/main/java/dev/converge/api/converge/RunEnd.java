package dev.converge.api.converge;

import dev.converge.workflows.model.ConvergeResult;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TerminatedFailure;
import io.temporal.failure.TimeoutFailure;

/** How a run that did not complete ended: a sentence and, when the workflow wrote one, the report. */
record RunEnd(String error, ConvergeResult report) {

  static RunEnd of(WorkflowFailedException e) {
    Throwable cause = e.getCause();
    if (cause instanceof ApplicationFailure failure) {
      ConvergeResult report = null;
      if (failure.getDetails() != null && failure.getDetails().getSize() > 0) {
        try {
          report = failure.getDetails().get(ConvergeResult.class);
        } catch (RuntimeException notAReport) {
          // A failure from before the workflow could build a report (e.g. bad input): message only.
        }
      }
      return new RunEnd(failure.getOriginalMessage(), report);
    }
    if (cause instanceof CanceledFailure) {
      return new RunEnd("canceled", null);
    }
    if (cause instanceof TerminatedFailure terminated) {
      return new RunEnd("terminated: " + terminated.getOriginalMessage(), null);
    }
    if (cause instanceof TimeoutFailure) {
      return new RunEnd("timed out", null);
    }
    return new RunEnd(String.valueOf(cause), null);
  }
}
