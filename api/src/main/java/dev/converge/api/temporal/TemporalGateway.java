package dev.converge.api.temporal;

import dev.converge.api.error.ConflictException;
import dev.converge.api.error.NotFoundException;
import dev.converge.api.error.UnavailableException;
import dev.converge.workflows.WorkflowType;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleException;
import io.temporal.common.Priority;
import io.temporal.common.SearchAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The API's one door to Temporal: starts runs of the workflow types the worker registers, reads
 * their ends the same way for every type, and turns "no such workflow" and "server away" into the
 * API's 404 and 503. Services above it speak in the API's terms.
 */
@Service
public class TemporalGateway {
  private final WorkflowClient client;
  private final ScheduleClient schedules;
  private final String taskQueue;
  private final Fairness fairness;

  public TemporalGateway(
      WorkflowClient client,
      @Value("${converge.task-queue:converge}") String taskQueue,
      Fairness fairness) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.fairness = fairness;
    // The workflow client's codec, so a schedule's stored input is sealed like any run's.
    this.schedules =
        ScheduleClient.newInstance(
            client.getWorkflowServiceStubs(),
            ScheduleClientOptions.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setDataConverter(client.getOptions().getDataConverter())
                .build());
  }

  public String taskQueue() {
    return taskQueue;
  }

  /** Options every run of {@code workflowId} starts with: the task queue and its tenant's turn. */
  public WorkflowOptions.Builder options(String workflowId) {
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(workflowId);
    Priority priority = fairness.priority(workflowId);
    if (priority != null) {
      options.setPriority(priority);
    }
    return options;
  }

  /** Temporal Schedules, for the drift schedules; calls go through {@link #call}. */
  public ScheduleClient schedules() {
    return schedules;
  }

  /** Starts a run under {@code workflowId}; 409 with {@code busy} while a run of it is open. */
  public StartedRun start(WorkflowType type, String workflowId, Object input, String busy) {
    return start(type, workflowId, input, null, Map.of(), busy);
  }

  /**
   * @param attributes search attributes set at start, so the run is findable before its first
   *     workflow task; null for none
   */
  public StartedRun start(
      WorkflowType type,
      String workflowId,
      Object input,
      SearchAttributes attributes,
      Map<String, Object> memo,
      String busy) {
    WorkflowOptions.Builder options = options(workflowId);
    if (attributes != null) {
      options.setTypedSearchAttributes(attributes);
    }
    if (!memo.isEmpty()) {
      options.setMemo(memo);
    }
    WorkflowStub stub = client.newUntypedWorkflowStub(type.typeName(), options.build());
    try {
      WorkflowExecution execution = stub.start(input);
      return new StartedRun(execution.getWorkflowId(), execution.getRunId());
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new ConflictException(busy, workflowId);
    }
  }

  /** Blocks until the run ends; a run that did not complete becomes {@code ended}'s exception. */
  public <T> T result(StartedRun run, Class<T> type, Function<RunEnded, RuntimeException> ended) {
    return result(stub(run.workflowId(), run.runId()), type, ended);
  }

  public <T> T result(
      WorkflowStub stub, Class<T> type, Function<RunEnded, RuntimeException> ended) {
    try {
      return stub.getResult(type);
    } catch (WorkflowFailedException e) {
      throw ended.apply(RunEnded.of(e));
    }
  }

  /** The run {@code runId}, or the latest run of the id when it is null. */
  public WorkflowStub stub(String workflowId, String runId) {
    return client.newUntypedWorkflowStub(workflowId, Optional.ofNullable(runId), Optional.empty());
  }

  public Stream<WorkflowExecutionMetadata> list(String query) {
    return call("runs", () -> client.listExecutions(query));
  }

  public WorkflowExecutionHistory history(String workflowId, String runId) {
    return call("run " + runId + " of " + workflowId, () -> client.fetchHistory(workflowId, runId));
  }

  /** The codec-aware converter: decodes payloads and failure messages read from history. */
  public DataConverter converter() {
    return client.getOptions().getDataConverter();
  }

  public static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (WorkflowNotFoundException e) {
      throw new NotFoundException("no " + what);
    } catch (ScheduleException e) {
      if (e.getCause() instanceof StatusRuntimeException status) {
        return call(
            what,
            () -> {
              throw status;
            });
      }
      throw e;
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
      if (code == Status.Code.RESOURCE_EXHAUSTED) {
        // The server's rate limit: a moment later the same call goes through.
        throw new UnavailableException("Temporal is busy: " + e.getStatus().getDescription(), e);
      }
      throw e;
    }
  }
}
