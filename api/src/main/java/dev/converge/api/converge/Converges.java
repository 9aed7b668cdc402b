package dev.converge.api.converge;

import dev.converge.api.error.ConflictException;
import dev.converge.api.error.NotFoundException;
import dev.converge.api.error.RunFailedException;
import dev.converge.api.temporal.RunEnded;
import dev.converge.api.temporal.StartedRun;
import dev.converge.api.temporal.TemporalGateway;
import dev.converge.workflows.WorkflowType;
import dev.converge.workflows.converge.SearchAttributes;
import dev.converge.workflows.model.ApprovalDecision;
import dev.converge.workflows.model.ConvergeRequest;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.Outcome;
import dev.converge.workflows.model.Progress;
import dev.converge.workflows.planning.PlanResult;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/** Starts and inspects converges through Temporal, in the API's terms; controllers stay thin. */
@Service
public class Converges {
  private static final String STATUS_PREFIX = "WORKFLOW_EXECUTION_STATUS_";
  private final TemporalGateway temporal;

  public Converges(TemporalGateway temporal) {
    this.temporal = temporal;
  }

  /** Memo key: the name of the API token that started the run (four-eyes approval reads it). */
  static final String STARTED_BY = "startedBy";

  /** Starts a run; 409 while another run of the release is open (the workflow id is the lock). */
  public StartedRun start(ConvergeRequest request, Map<String, Object> raw, String startedBy) {
    return temporal.start(
        WorkflowType.CONVERGE,
        request.workflowId(),
        raw,
        SearchAttributes.atStart(request.target()),
        Map.of(STARTED_BY, startedBy),
        "a converge of "
            + request.release()
            + " in "
            + request.namespace()
            + " is already running");
  }

  /** Blocks until the run ends; 422 with the report unless it deployed or skipped. */
  public ConvergeResult await(StartedRun run) {
    return temporal.result(
        run,
        ConvergeResult.class,
        end -> new RunFailedException(end.message(), end.detail(ConvergeResult.class)));
  }

  /** The run {@code runId}, or the latest run when it is null; 404 when there is none. */
  public RunStatus status(String workflowId, String runId) {
    WorkflowExecutionDescription run =
        TemporalGateway.call("converge " + workflowId, () -> stub(workflowId, runId).describe());
    String actualRunId = run.getExecution().getRunId();
    WorkflowStub stub = stub(workflowId, actualRunId);
    String status = status(run.getStatus());
    if (run.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      Progress live =
          LiveProgress.merge(progress(stub), run.getRawDescription(), temporal.converter());
      return new RunStatus(
          workflowId,
          actualRunId,
          status,
          Outcome.RUNNING.name(),
          run.getStartTime(),
          null,
          live,
          null,
          null);
    }
    ConvergeResult report = null;
    String error = null;
    if (run.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      report = stub.getResult(ConvergeResult.class);
    } else {
      try {
        stub.getResult(ConvergeResult.class);
      } catch (WorkflowFailedException e) {
        RunEnded end = RunEnded.of(e);
        ConvergeResult attached = end.detail(ConvergeResult.class);
        report = attached != null ? attached : finalReport(stub);
        error = end.message();
      }
    }
    String outcome =
        report != null && report.outcome() != null
            ? report.outcome().name()
            : outcomeOf(run.getStatus());
    return new RunStatus(
        workflowId,
        actualRunId,
        status,
        outcome,
        run.getStartTime(),
        run.getCloseTime(),
        null,
        report,
        error);
  }

  /** Asks the latest run to stop; its compensation runs before it ends. 404 unknown, 409 ended. */
  public RunStatus cancel(String workflowId) {
    RunStatus run = status(workflowId, null);
    if (!run.running()) {
      throw new ConflictException(
          "the latest run of " + workflowId + " already ended: " + run.status(), workflowId);
    }
    TemporalGateway.call(
        "open converge " + workflowId,
        () -> {
          stub(workflowId, run.runId()).cancel();
          return null;
        });
    return run;
  }

  /** Runs matching the filter, newest first. */
  public List<RunSummary> list(RunFilter filter) {
    Optional<String> query = filter.query();
    if (query.isEmpty()) {
      return List.of();
    }
    try (Stream<WorkflowExecutionMetadata> runs = temporal.list(query.get())) {
      return runs.limit(filter.limit())
          .map(Converges::summary)
          .sorted(
              Comparator.comparing(
                  RunSummary::startTime, Comparator.nullsLast(Comparator.reverseOrder())))
          .toList();
    }
  }

  public Timeline timeline(String workflowId, String runId) {
    var history = temporal.history(workflowId, runId);
    var converter = temporal.converter();
    return TimelineBuilder.build(
        workflowId,
        runId,
        history.getEvents(),
        failure -> {
          // Failure messages are encoded in history (encoded failure attributes): the converter
          // decodes them.
          RuntimeException decoded = converter.failureToException(failure);
          return decoded instanceof TemporalFailure t
              ? t.getOriginalMessage()
              : decoded.getMessage();
        });
  }

  private static RunSummary summary(WorkflowExecutionMetadata run) {
    var attributes = run.getTypedSearchAttributes();
    return new RunSummary(
        run.getExecution().getWorkflowId(),
        run.getExecution().getRunId(),
        status(run.getStatus()),
        attributes.get(SearchAttributes.OUTCOME),
        attributes.get(SearchAttributes.RELEASE),
        attributes.get(SearchAttributes.NAMESPACE),
        attributes.get(SearchAttributes.KUBE_CONTEXT),
        attributes.get(SearchAttributes.REVISION),
        run.getStartTime(),
        run.getCloseTime());
  }

  /** A canceled run's report lives in the workflow (its result is empty); null if unanswerable. */
  private static ConvergeResult finalReport(WorkflowStub stub) {
    try {
      return stub.query("report", ConvergeResult.class);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Null when the query cannot be answered now (no worker polling): progress is best effort. */
  private static Progress progress(WorkflowStub stub) {
    try {
      return stub.query("progress", Progress.class);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The plan a converge waits to have approved; 404 when none waits. */
  public PlanResult pendingPlan(String workflowId) {
    PlanResult plan =
        TemporalGateway.call(
            "converge " + workflowId, () -> stub(workflowId, null).query("plan", PlanResult.class));
    if (plan == null) {
      throw new NotFoundException("converge " + workflowId + " waits for no approval");
    }
    return plan;
  }

  /** The API token that started the open run, or null when it was started otherwise (CLI, UI). */
  public String startedBy(String workflowId) {
    WorkflowExecutionDescription run =
        TemporalGateway.call("converge " + workflowId, () -> stub(workflowId, null).describe());
    return run.getMemo(STARTED_BY, String.class, String.class);
  }

  /** Sends the approve Update; 409 when no plan waits or the digest is not the waiting plan's. */
  public String approve(String workflowId, ApprovalDecision decision) {
    try {
      return TemporalGateway.call(
          "converge " + workflowId,
          () -> stub(workflowId, null).update("approve", String.class, decision));
    } catch (WorkflowUpdateException e) {
      Throwable cause = e.getCause();
      String why =
          cause instanceof ApplicationFailure f
              ? f.getOriginalMessage()
              : String.valueOf(cause == null ? e : cause.getMessage());
      throw new ConflictException(why, workflowId);
    }
  }

  private WorkflowStub stub(String workflowId, String runId) {
    return temporal.stub(workflowId, runId);
  }

  private static String status(WorkflowExecutionStatus status) {
    return status.name().replace(STATUS_PREFIX, "");
  }

  private static String outcomeOf(WorkflowExecutionStatus status) {
    return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED
        ? Outcome.CANCELED.name()
        : Outcome.FAILED.name();
  }
}
