package dev.converge.api.drift;

import dev.converge.api.error.NotFoundException;
import dev.converge.api.error.OperationFailedException;
import dev.converge.api.temporal.StartedRun;
import dev.converge.api.temporal.TemporalGateway;
import dev.converge.workflows.WorkflowType;
import dev.converge.workflows.converge.SearchAttributes;
import dev.converge.workflows.drift.DriftRequest;
import dev.converge.workflows.drift.DriftResult;
import dev.converge.workflows.model.ReleaseTarget;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowStub;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleActionResult;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.client.schedules.ScheduleUpdate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * One Temporal Schedule per release (docs/contracts.md#drift-schedules), id {@code
 * drift/<kubeContext>/<namespace>/<release>}: each action starts a DriftWorkflow, skipped while the
 * previous check still runs. Pause and trigger work from the {@code temporal schedule} CLI and UI.
 */
@Service
public class DriftSchedules {
  private final TemporalGateway temporal;

  public DriftSchedules(TemporalGateway temporal) {
    this.temporal = temporal;
  }

  /** Creates the schedule or replaces its settings; the view afterwards. */
  public DriftScheduleView put(DriftRequest request, Map<String, Object> input, DriftSettings s) {
    String id = request.checkId();
    Schedule schedule = schedule(request, input, s);
    TemporalGateway.call(
        "drift schedule " + id,
        () -> {
          try {
            temporal
                .schedules()
                .createSchedule(
                    id,
                    schedule,
                    ScheduleOptions.newBuilder()
                        .setTypedSearchAttributes(
                            io.temporal.common.SearchAttributes.newBuilder()
                                .set(SearchAttributes.RELEASE, request.release())
                                .set(SearchAttributes.NAMESPACE, request.namespace())
                                .set(SearchAttributes.KUBE_CONTEXT, request.kubeContext())
                                .build())
                        .build());
          } catch (ScheduleAlreadyRunningException exists) {
            temporal.schedules().getHandle(id).update(old -> new ScheduleUpdate(schedule));
          }
          return null;
        });
    return get(request.target());
  }

  public DriftScheduleView get(ReleaseTarget target) {
    String id = DriftRequest.checkId(target.kubeContext(), target.namespace(), target.release());
    ScheduleDescription d =
        TemporalGateway.call(
            "drift schedule " + id, () -> temporal.schedules().getHandle(id).describe());
    ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) d.getSchedule().getAction();
    @SuppressWarnings("unchecked")
    Map<String, Object> check = action.getArguments().get(0, Map.class);
    List<DriftScheduleView.RecentCheck> recent =
        d.getInfo().getRecentActions().stream()
            .map(DriftSchedules::recent)
            .filter(r -> r != null)
            .toList();
    List<ScheduleIntervalSpec> intervals = d.getSchedule().getSpec().getIntervals();
    return new DriftScheduleView(
        id,
        intervals.isEmpty() ? null : DriftSettings.format(intervals.get(0).getEvery()),
        d.getSchedule().getState().isPaused(),
        check,
        d.getInfo().getNextActionTimes(),
        recent,
        lastResult(recent));
  }

  public void delete(ReleaseTarget target) {
    String id = DriftRequest.checkId(target.kubeContext(), target.namespace(), target.release());
    TemporalGateway.call(
        "drift schedule " + id,
        () -> {
          ScheduleHandle handle = temporal.schedules().getHandle(id);
          handle.describe(); // 404 for none: a delete of nothing says so
          handle.delete();
          return null;
        });
  }

  /** The schedule's check input when there is one, for a check on request. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> scheduledInput(ReleaseTarget target) {
    try {
      return (Map<String, Object>) get(target).check();
    } catch (NotFoundException none) {
      return null;
    }
  }

  /** One check now, beside the schedule (its id has a suffix of its own). */
  public StartedRun checkNow(DriftRequest request, Map<String, Object> input) {
    String id = request.checkId() + "-now-" + UUID.randomUUID().toString().substring(0, 8);
    return temporal.start(
        WorkflowType.DRIFT, id, input, "a drift check with this id is already running");
  }

  public DriftResult await(StartedRun run) {
    return temporal.result(
        run, DriftResult.class, end -> new OperationFailedException(end.message(), null));
  }

  private Schedule schedule(DriftRequest request, Map<String, Object> input, DriftSettings s) {
    return Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(WorkflowType.DRIFT.typeName())
                .setArguments(input)
                .setOptions(temporal.options(request.checkId()).build())
                .build())
        .setSpec(
            ScheduleSpec.newBuilder()
                .setIntervals(List.of(new ScheduleIntervalSpec(s.interval())))
                .build())
        .setPolicy(
            SchedulePolicy.newBuilder()
                .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                .setCatchupWindow(Duration.ofMinutes(1))
                .build())
        .setState(ScheduleState.newBuilder().setPaused(s.paused()).build())
        .build();
  }

  private static DriftScheduleView.RecentCheck recent(ScheduleActionResult result) {
    return result.getAction() instanceof ScheduleActionExecutionStartWorkflow started
        ? new DriftScheduleView.RecentCheck(
            started.getWorkflowId(), started.getFirstExecutionRunId(), result.getStartedAt())
        : null;
  }

  /** The newest recent check that completed, read from its result. */
  private DriftResult lastResult(List<DriftScheduleView.RecentCheck> recent) {
    for (int i = recent.size() - 1; i >= 0; i--) {
      DriftScheduleView.RecentCheck check = recent.get(i);
      try {
        WorkflowStub stub = temporal.stub(check.workflowId(), check.runId());
        if (stub.describe().getStatus()
            == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
          return stub.getResult(DriftResult.class);
        }
      } catch (RuntimeException gone) {
        // retention removed it, or it failed: look at the one before
      }
    }
    return null;
  }
}
