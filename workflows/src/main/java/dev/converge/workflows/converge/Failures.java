package dev.converge.workflows.converge;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;

/** Turns Temporal's wrapped failures into the sentence a user needs. */
final class Failures {
  private Failures() {}

  static String message(Throwable error) {
    Throwable e = error;
    while (e instanceof ActivityFailure && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof ApplicationFailure app) {
      return app.getOriginalMessage();
    }
    if (e instanceof TimeoutFailure timeout) {
      return "activity timed out (" + timeout.getTimeoutType() + ")";
    }
    if (e instanceof CanceledFailure) {
      return "canceled";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  static boolean isCancel(Throwable error) {
    Throwable e = error;
    while (e != null) {
      if (e instanceof CanceledFailure) {
        return true;
      }
      e = e.getCause();
    }
    return false;
  }
}
