package dev.converge.workflows.activities;

import dev.converge.workflows.contract.ExternalDependency;
import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.contract.OperationType;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.model.ResourceKey;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Writes to and reads from the target cluster. The only place that changes cluster objects. */
@ActivityInterface
public interface ClusterActivities {

  /**
   * Creates the release namespace when it is missing (release Secrets live there). Idempotent.
   * Never undone: the release namespace is ownership=anyone (docs/semantics.md#ownership).
   *
   * @return true when this call created it
   */
  @ActivityMethod(name = "EnsureNamespace")
  boolean ensureNamespace(ReleaseTarget target);

  /**
   * For a plan: each object's change from its live state to the server-side dry-run of the new one,
   * as text (Secret data and sensitive values masked). Objects without a manifest in the bundle are
   * the ones a converge would delete. Read-only.
   */
  @ActivityMethod(name = "DiffResources")
  List<ObjectDiff> diff(InspectRequest request);

  /**
   * @param change create, update, delete, unchanged or refused
   * @param diff lines prefixed "+ ", "- " or " " (context), at most a few hundred
   */
  record ObjectDiff(String id, String change, String diff) {}

  /**
   * Dismiss on request: deletes the release namespace (not waiting). @return true when it existed
   */
  @ActivityMethod(name = "DeleteNamespace")
  boolean deleteNamespace(ReleaseTarget target);

  /** GETs each object and dry-runs its server-side apply. Read-only. */
  @ActivityMethod(name = "InspectCluster")
  List<LiveState> inspect(InspectRequest request);

  /**
   * Runs one sub-stage's operations in parallel (bounded pool): server-side apply with force and
   * field manager {@code helm}; recreate = delete, wait for absence, create. Idempotent: applying
   * the same manifest twice changes nothing. Creations are undone by {@link #delete} with the uids
   * returned here (the workflow registers that before calling).
   */
  @ActivityMethod(name = "ApplyResources")
  List<Applied> apply(ApplyRequest request);

  /**
   * Deletes objects and waits until they are gone. Idempotent: an absent object is done. An object
   * whose uid differs from the expected one is someone else's and is left alone. Objects whose live
   * annotations say keep/skip-delete are left alone too.
   */
  @ActivityMethod(name = "DeleteResources")
  List<Deleted> delete(DeleteRequest request);

  record InspectRequest(ReleaseTarget target, String bundleDigest, List<ResourceKey> resources) {}

  /**
   * @param externalWaitSeconds how long to wait for external dependencies before failing
   */
  record ApplyRequest(
      ReleaseTarget target,
      String bundleDigest,
      List<ApplyOp> operations,
      int parallelism,
      int externalWaitSeconds) {}

  /**
   * @param replicasOnCreation overrides spec.replicas when the object is created
   * @param waitFor objects outside the release that must exist before this one is applied
   * @param releaseOwned add the release annotations and managed-by label (ownership=release)
   */
  /**
   * @param liveUid the uid the plan saw; a RECREATE deletes only an object with this uid
   */
  record ApplyOp(
      ResourceKey key,
      OperationType type,
      Integer replicasOnCreation,
      String deletePropagation,
      List<ExternalDependency> waitFor,
      boolean releaseOwned,
      String liveUid) {

    public ApplyOp(
        ResourceKey key,
        OperationType type,
        Integer replicasOnCreation,
        String deletePropagation,
        List<ExternalDependency> waitFor,
        boolean releaseOwned) {
      this(key, type, replicasOnCreation, deletePropagation, waitFor, releaseOwned, null);
    }
  }

  /**
   * @param created true when this call made the object; read from the cluster only for a recreate
   *     or replicas-on-creation, else what the plan expected (a CREATE)
   * @param generation the object's metadata.generation as the apply left it (null when the kind has
   *     none, or from a worker older than this field): tracking trusts no older copy
   */
  record Applied(String id, OperationType type, String uid, boolean created, Long generation) {

    public Applied(String id, OperationType type, String uid, boolean created) {
      this(id, type, uid, created, null);
    }
  }

  record DeleteRequest(ReleaseTarget target, List<DeleteOp> operations, int timeoutSeconds) {}

  /**
   * @param expectedUid delete only the object with this uid (null: whatever is there, unless {@code
   *     onlyReleaseStamped})
   * @param onlyReleaseStamped without a uid, delete only an object stamped for the request's
   *     release: compensation of an apply whose uids never came back must not delete someone else's
   *     object
   * @param after ids of other objects of the same request that must be gone before this one is
   *     deleted (werf.io/delete-dependency-*); ids not in the request are ignored
   */
  record DeleteOp(
      ResourceKey key,
      String expectedUid,
      String propagation,
      boolean onlyReleaseStamped,
      List<String> after) {
    public DeleteOp {
      after = after == null ? List.of() : List.copyOf(after);
    }

    public DeleteOp(ResourceKey key, String expectedUid, String propagation) {
      this(key, expectedUid, propagation, false, List.of());
    }

    public DeleteOp(ResourceKey key, String expectedUid, String propagation, List<String> after) {
      this(key, expectedUid, propagation, false, after);
    }

    public DeleteOp releaseStampedOnly() {
      return expectedUid == null ? new DeleteOp(key, null, propagation, true, after) : this;
    }

    public DeleteOp withUid(String uid) {
      return new DeleteOp(key, uid, propagation, onlyReleaseStamped, after);
    }
  }

  /**
   * @param outcome deleted, absent, kept (policy), foreign (uid mismatch, or not the release's)
   */
  record Deleted(String id, String outcome) {}
}
