package dev.converge.api.converge;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** The audit view of one run: what each step did and when, read from workflow history. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Timeline(
    String workflowId,
    String runId,
    String status,
    Instant startTime,
    Instant closeTime,
    List<Step> steps) {

  public Timeline {
    steps = List.copyOf(steps);
  }

  /**
   * One activity call.
   *
   * @param outcome COMPLETED, FAILED, TIMED_OUT, CANCELED, or RUNNING while it has not closed
   * @param attempt the attempt that closed it (retries happened when above 1)
   * @param failure the failure message, when it failed
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Step(
      String activity,
      String activityId,
      Instant scheduled,
      Instant started,
      Instant closed,
      String outcome,
      Integer attempt,
      String failure) {}
}
