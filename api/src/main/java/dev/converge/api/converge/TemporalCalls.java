package dev.converge.api.converge;

import dev.converge.api.error.NotFoundException;
import dev.converge.api.error.UnavailableException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowNotFoundException;
import java.util.function.Supplier;

/** Turns Temporal's "no such workflow" and "server away" into the API's 404 and 503. */
public final class TemporalCalls {
  private TemporalCalls() {}

  public static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (WorkflowNotFoundException e) {
      throw new NotFoundException("no " + what);
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.NOT_FOUND || code == Status.Code.INVALID_ARGUMENT) {
        // INVALID_ARGUMENT: a run id that is not a UUID names no run either.
        throw new NotFoundException("no " + what);
      }
      if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
        throw new UnavailableException("Temporal is not reachable: " + e.getStatus().getDescription(), e);
      }
      throw e;
    }
  }
}
