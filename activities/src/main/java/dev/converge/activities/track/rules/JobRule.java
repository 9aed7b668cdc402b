package dev.converge.activities.track.rules;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.util.List;
import java.util.Optional;

/** Ready on condition Complete; failed on condition Failed, with the condition's reason. */
public final class JobRule {
  private JobRule() {}

  public static Readiness check(Job job) {
    JobStatus status = job.getStatus();
    if (status == null) {
      return Readiness.waiting("0 succeeded, 0 active, 0 failed", "no status yet");
    }
    String info =
        Numbers.orZero(status.getSucceeded())
            + " succeeded, "
            + Numbers.orZero(status.getActive())
            + " active, "
            + Numbers.orZero(status.getFailed())
            + " failed";
    if (trueCondition(status.getConditions(), "Complete").isPresent()) {
      return Readiness.ready(info);
    }
    Optional<JobCondition> failed = trueCondition(status.getConditions(), "Failed");
    if (failed.isPresent()) {
      return Readiness.failed(info, failed.get().getReason() + ": " + failed.get().getMessage());
    }
    return Readiness.waiting(info, "waiting for completion");
  }

  private static Optional<JobCondition> trueCondition(List<JobCondition> conditions, String type) {
    if (conditions == null) {
      return Optional.empty();
    }
    return conditions.stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }
}
