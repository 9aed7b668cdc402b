package dev.converge.workflows.drift;

import dev.converge.workflows.model.ReleaseTarget;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The release's drift schedule, as the worker sees it: a dismissed release keeps none. */
@ActivityInterface
public interface DriftScheduleActivities {
  /** Deletes the release's drift schedule. Idempotent. @return true when there was one */
  @ActivityMethod(name = "DeleteDriftSchedule")
  boolean deleteSchedule(ReleaseTarget target);
}
