package dev.converge.api.converge;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.Progress;
import java.time.Instant;

/**
 * One run as the API shows it.
 *
 * @param status Temporal's execution status without its prefix: RUNNING, COMPLETED, FAILED, ...
 * @param outcome the converge's own word (DEPLOYED, SKIPPED, FAILED, CANCELED, RUNNING)
 * @param progress the {@code progress} query, only while the run is open
 * @param report the report (docs/contracts.md#report) once the run has ended with one
 * @param error why a closed run did not deploy
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunStatus(
    String workflowId,
    String runId,
    String status,
    String outcome,
    Instant startTime,
    Instant closeTime,
    Progress progress,
    ConvergeResult report,
    String error) {

  public static final String RUNNING = "RUNNING";

  public boolean running() {
    return RUNNING.equals(status);
  }
}
