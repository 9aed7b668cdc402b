package dev.converge.workflows.activities;

import dev.converge.workflows.contract.RevisionStatus;
import dev.converge.workflows.model.Copies;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.model.ResourceMeta;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Release records in Helm v3 Secret format (docs/semantics.md#release-storage). */
@ActivityInterface
public interface ReleaseActivities {

  /** Reads the release's revisions. Read-only. */
  @ActivityMethod(name = "ReadReleaseHistory")
  ReleaseHistory history(ReleaseTarget target);

  /**
   * Writes revision {@code revision} as pending-install / pending-upgrade with the bundle's
   * manifest, hooks, chart and config. Idempotent: an existing pending record of the same revision
   * is left as it is. Undone by {@link #markFailed}.
   */
  @ActivityMethod(name = "SavePendingRevision")
  void savePending(PendingRevision pending);

  /**
   * Marks the revision deployed, earlier deployed ones superseded, then prunes history beyond the
   * limit (never the last deployed). Idempotent.
   */
  @ActivityMethod(name = "MarkRevisionDeployed")
  void markDeployed(ReleaseTarget target, int revision, String description);

  /** Compensation of {@link #savePending}: marks the revision failed with the error. Idempotent. */
  @ActivityMethod(name = "MarkRevisionFailed")
  void markFailed(ReleaseTarget target, int revision, String description);

  /**
   * Stores a stored revision (its manifest objects, hooks, chart and values) as a bundle, for a
   * dismiss to run its delete hooks and a rollback to deploy it again. Read-only on the cluster.
   * Fails non-retryably when the revision does not exist.
   */
  @ActivityMethod(name = "LoadRevision")
  RenderedChart loadRevision(ReleaseTarget target, int revision);

  /** Dismiss: marks the revision uninstalling. Idempotent. */
  @ActivityMethod(name = "MarkRevisionUninstalling")
  void markUninstalling(ReleaseTarget target, int revision);

  /**
   * Dismiss, last step: deletes every revision Secret of the release. Idempotent. @return how many
   */
  @ActivityMethod(name = "DeleteReleaseHistory")
  int deleteHistory(ReleaseTarget target);

  record PendingRevision(
      ReleaseTarget target,
      int revision,
      DeployType deployType,
      String bundleDigest,
      int historyLimit) {}

  /**
   * @param revisions every revision, oldest first
   * @param lastResources objects of the last revision's manifest and hooks, for pruning
   */
  record ReleaseHistory(List<RevisionInfo> revisions, List<ResourceMeta> lastResources) {

    public ReleaseHistory {
      revisions = Copies.list(revisions);
      lastResources = Copies.list(lastResources);
    }

    public RevisionInfo last() {
      return revisions.isEmpty() ? null : revisions.get(revisions.size() - 1);
    }

    public int nextRevision() {
      return revisions.isEmpty() ? 1 : last().version() + 1;
    }
  }

  /**
   * @param status Helm's status string: deployed, failed, superseded, pending-install, ...
   */
  record RevisionInfo(int version, String status, String manifestDigest, String valuesDigest) {
    /** The status as a value to compare; the record keeps Helm's string. */
    public RevisionStatus revisionStatus() {
      return RevisionStatus.of(status);
    }
  }
}
