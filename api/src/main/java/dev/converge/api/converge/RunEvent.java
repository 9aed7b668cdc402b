package dev.converge.api.converge;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.Operation;
import dev.converge.workflows.model.Phase;
import dev.converge.workflows.model.Progress;
import dev.converge.workflows.model.ResourceStatus;
import java.time.Instant;
import java.util.List;

/**
 * One line of the events stream. {@code type} is {@code run} (first line), {@code progress} (the
 * status table changed), {@code operation} (an operation of the graph changed its status), {@code
 * log} (a new log line), {@code end} (last line: status, outcome, report) or {@code error} (the
 * stream gave up before the run ended).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunEvent(
    String type,
    Instant time,
    String workflowId,
    String runId,
    String status,
    String outcome,
    Phase phase,
    String step,
    Integer revision,
    List<ResourceStatus> resources,
    String line,
    String error,
    ConvergeResult report,
    Operation operation) {

  static RunEvent run(RunStatus run, Instant now) {
    return new RunEvent(
        "run",
        now,
        run.workflowId(),
        run.runId(),
        run.status(),
        run.outcome(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static RunEvent progress(Progress p, Instant now) {
    return new RunEvent(
        "progress",
        now,
        null,
        null,
        null,
        null,
        p.phase(),
        p.step(),
        p.revision(),
        p.resources(),
        null,
        null,
        null,
        null);
  }

  static RunEvent operation(Operation operation, Instant now) {
    return new RunEvent(
        "operation",
        now,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        operation);
  }

  static RunEvent log(String line, Instant now) {
    return new RunEvent(
        "log", now, null, null, null, null, null, null, null, null, line, null, null, null);
  }

  static RunEvent end(RunStatus run, Instant now) {
    return new RunEvent(
        "end",
        now,
        run.workflowId(),
        run.runId(),
        run.status(),
        run.outcome(),
        null,
        null,
        null,
        null,
        null,
        run.error(),
        run.report(),
        null);
  }

  static RunEvent error(String message, Instant now) {
    return new RunEvent(
        "error", now, null, null, null, null, null, null, null, null, null, message, null, null);
  }
}
