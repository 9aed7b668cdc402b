package dev.converge.api.converge;

import dev.converge.api.error.ConflictException;
import dev.converge.api.error.NotFoundException;
import dev.converge.api.error.UnavailableException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
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
        throw new UnavailableException(
            "Temporal is not reachable: " + e.getStatus().getDescription(), e);
      }
      throw e;
    }
  }

  /**
   * Starts a run of {@code type} under {@code workflowId}; 409 with {@code busy} while a run of
   * that id is open (the id is the lock).
   */
  public static StartedRun start(
      WorkflowClient client,
      String taskQueue,
      String type,
      String workflowId,
      Object input,
      String busy) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            type,
            WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(workflowId).build());
    try {
      WorkflowExecution execution = stub.start(input);
      return new StartedRun(execution.getWorkflowId(), execution.getRunId());
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new ConflictException(busy, workflowId);
    }
  }
}
