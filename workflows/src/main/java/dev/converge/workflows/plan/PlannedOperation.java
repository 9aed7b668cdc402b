package dev.converge.workflows.plan;

import dev.converge.workflows.contract.ExternalDependency;
import dev.converge.workflows.contract.OperationType;
import dev.converge.workflows.contract.TrackSpec;
import dev.converge.workflows.model.Copies;
import dev.converge.workflows.model.ResourceKey;
import java.util.List;

/**
 * One resource's part in a step: plain data, decided before anything is written.
 *
 * @param compensate the failure path deletes this object (created by this run, owned by the
 *     release, not kept)
 * @param deleteWhenSucceeded delete-policy succeeded: deleted at the end of its stage
 * @param deleteWhenFailed delete-policy failed: deleted by the failure path if its tracking failed
 * @param releaseOwned ownership=release: the object gets the release annotations
 * @param liveUid uid of the object as the plan saw it (null if absent): a retried RECREATE deletes
 *     only that object, never the one its first attempt made
 * @param deleteAfter ids of objects of the same stage that must be gone before this one is deleted
 *     (werf.io/delete-dependency-*): by prune, compensation and dismiss
 */
public record PlannedOperation(
    ResourceKey key,
    OperationType type,
    boolean track,
    TrackSpec tracking,
    Integer replicas,
    Integer replicasOnCreation,
    String deletePropagation,
    boolean compensate,
    boolean deleteWhenSucceeded,
    boolean deleteWhenFailed,
    List<ExternalDependency> externalDependencies,
    boolean releaseOwned,
    String liveUid,
    List<String> deleteAfter) {

  public PlannedOperation {
    externalDependencies = Copies.list(externalDependencies);
    deleteAfter = Copies.list(deleteAfter);
  }

  public PlannedOperation(
      ResourceKey key,
      OperationType type,
      boolean track,
      TrackSpec tracking,
      Integer replicas,
      Integer replicasOnCreation,
      String deletePropagation,
      boolean compensate,
      boolean deleteWhenSucceeded,
      boolean deleteWhenFailed,
      List<ExternalDependency> externalDependencies,
      boolean releaseOwned) {
    this(
        key,
        type,
        track,
        tracking,
        replicas,
        replicasOnCreation,
        deletePropagation,
        compensate,
        deleteWhenSucceeded,
        deleteWhenFailed,
        externalDependencies,
        releaseOwned,
        null,
        List.of());
  }

  public String id() {
    return key.id();
  }

  /** How the report names it, e.g. {@code create Deployment/shop/web}. */
  public String describe() {
    return type.name().toLowerCase() + " " + key.display();
  }
}
