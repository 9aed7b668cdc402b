package dev.converge.workflows.activities;

import dev.converge.workflows.contract.TrackSpec;
import dev.converge.workflows.model.Copies;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceStatus;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Readiness tracking (docs/semantics.md#readiness-rules). Never writes to the cluster. */
@ActivityInterface
public interface TrackActivities {

  /**
   * Watches the objects until each is ready, failed or the deadline passes. Heartbeats the status
   * table (so the Temporal UI shows it on the pending activity) and resumes from the last heartbeat
   * after a worker crash, keeping failure counts. Read-only, so retries are harmless.
   *
   * <p>Returns normally in all these cases; the workflow decides what a failure means. Stops early
   * when a resource with fail-mode FailWholeDeployProcessImmediately fails.
   */
  @ActivityMethod(name = "TrackResources")
  TrackReport track(TrackRequest request);

  /**
   * @param appliedKnown the items say what this run applied ({@link TrackItem#appliedUid}): the
   *     worker may then answer from watches it already holds for the same identity, skipping any
   *     copy older than the apply. False from workflows recorded before that: fresh watches only.
   */
  record TrackRequest(
      ReleaseTarget target, List<TrackItem> items, int timeoutSeconds, boolean appliedKnown) {

    public TrackRequest(ReleaseTarget target, List<TrackItem> items, int timeoutSeconds) {
      this(target, items, timeoutSeconds, false);
    }
  }

  /**
   * @param replicas desired replicas from the manifest, when it has them
   * @param appliedUid the uid this run's apply returned (null: not applied by this run)
   * @param appliedGeneration the generation that apply returned (null: none or not applied)
   */
  record TrackItem(
      ResourceKey key,
      TrackSpec spec,
      Integer replicas,
      String appliedUid,
      Long appliedGeneration) {

    public TrackItem(ResourceKey key, TrackSpec spec, Integer replicas) {
      this(key, spec, replicas, null, null);
    }
  }

  /**
   * @param statuses one row per tracked item, in request order
   * @param logTail the last log lines seen (bounded)
   */
  record TrackReport(List<ResourceStatus> statuses, List<String> logTail) {

    public TrackReport {
      statuses = Copies.list(statuses);
      logTail = Copies.list(logTail);
    }
  }
}
