package dev.converge.worker;

import dev.converge.workflows.drift.DriftRequest;
import dev.converge.workflows.drift.DriftScheduleActivities;
import dev.converge.workflows.model.ReleaseTarget;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleException;

/** Drift schedules from the worker's side: a dismiss deletes the release's one. */
public class DriftScheduleActivitiesImpl implements DriftScheduleActivities {
  private final ScheduleClient schedules;

  public DriftScheduleActivitiesImpl(WorkflowClient client) {
    this.schedules =
        ScheduleClient.newInstance(
            client.getWorkflowServiceStubs(),
            ScheduleClientOptions.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .build());
  }

  @Override
  public boolean deleteSchedule(ReleaseTarget target) {
    String id = DriftRequest.checkId(target.kubeContext(), target.namespace(), target.release());
    try {
      schedules.getHandle(id).delete();
      return true;
    } catch (ScheduleException e) {
      if (e.getCause() instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }
}
