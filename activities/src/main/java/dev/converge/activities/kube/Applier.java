package dev.converge.activities.kube;

import dev.converge.activities.manifest.RenderedRelease;
import dev.converge.workflows.activities.ClusterActivities.Applied;
import dev.converge.workflows.activities.ClusterActivities.ApplyOp;
import dev.converge.workflows.contract.ExternalDependency;
import dev.converge.workflows.contract.OperationType;
import dev.converge.workflows.model.ReleaseTarget;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** One operation of an apply step: check, then act, so a retried step is harmless. */
final class Applier {
  private static final Duration RECREATE_WAIT = Duration.ofMinutes(5);
  static final Duration ESTABLISHED_WAIT = Duration.ofMinutes(2);
  private final KubernetesClient client;
  private final ReleaseTarget target;
  private final RenderedRelease bundle;
  private final Runnable heartbeat;
  private final LiveObjects.Lookup existing;

  /** An object of the plan that someone else created since: refused, never written. */
  static final class Foreign extends RuntimeException {
    Foreign(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * @param existing what the creates find already there (read by LIST where there are many)
   */
  Applier(
      KubernetesClient client,
      ReleaseTarget target,
      RenderedRelease bundle,
      Runnable heartbeat,
      LiveObjects.Lookup existing) {
    this.existing = existing;
    this.client = client;
    this.target = target;
    this.bundle = bundle;
    this.heartbeat = heartbeat;
  }

  Applied apply(ApplyOp op, int externalWaitSeconds) {
    for (ExternalDependency dependency : op.waitFor()) {
      new ExternalWait(client, heartbeat).await(op.key(), dependency, externalWaitSeconds);
    }
    RenderedRelease.RenderedObject manifest =
        bundle
            .object(op.key().id())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        op.key().display() + " is not in rendered bundle", "ApplyRejected"));
    HasMetadata desired = Manifests.parse(manifest.yaml());
    if (op.releaseOwned()) {
      Manifests.stampRelease(desired, target.release(), target.namespace());
    }
    // The live object matters to a create (never take over an object made since the plan), a
    // recreate and werf's replicas-on-creation; an update is one server-side apply, no GET before.
    boolean needsLive = op.type() == OperationType.RECREATE || op.replicasOnCreation() != null;
    boolean create = op.type() == OperationType.CREATE;
    // After an external wait the step's early read is stale: ask again.
    HasMetadata before =
        !(needsLive || create)
            ? null
            : op.waitFor().isEmpty()
                ? existing.get(op.key(), desired)
                : client.resource(desired).get();
    if (create && before != null && !CreatedBy.earlierAttempt(before, target, op.releaseOwned())) {
      throw new Foreign(op.key().display() + ": " + CreatedBy.foreign(before));
    }
    // Only the object the plan saw: on a retry, the one our first attempt made stays.
    if (op.type() == OperationType.RECREATE
        && before != null
        && (op.liveUid() == null || op.liveUid().equals(before.getMetadata().getUid()))) {
      deleteAndWait(desired, op.deletePropagation());
      before = null;
    }
    if (op.replicasOnCreation() != null) {
      if (before == null) {
        desired = Manifests.withReplicas(desired, op.replicasOnCreation());
      } else if (Manifests.replicas(desired) == null && Manifests.replicas(before) != null) {
        // The create made manager "helm" own spec.replicas; an apply without it would drop the
        // field and reset the workload to 1. Keep the live count (an HPA's or a person's).
        desired = Manifests.withReplicas(desired, Manifests.replicas(before));
      }
    }
    HasMetadata result =
        client
            .resource(desired)
            .fieldManager(ClusterActivitiesImpl.FIELD_MANAGER)
            .forceConflicts()
            .serverSideApply();
    heartbeat.run();
    if (CrdEstablished.isCrd(desired)) {
      new CrdEstablished(client, heartbeat).await(result, ESTABLISHED_WAIT);
    }
    boolean created = create || (needsLive && before == null);
    if (create && before == null && !CreatedBy.otherWriters(result).isEmpty()) {
      // Made by someone else between our check and our write: it is theirs, not ours to delete.
      throw new Foreign(op.key().display() + ": " + CreatedBy.foreign(result));
    }
    return new Applied(
        op.key().id(),
        op.type(),
        result.getMetadata().getUid(),
        created,
        result.getMetadata().getGeneration());
  }

  private void deleteAndWait(HasMetadata object, String propagation) {
    client
        .resource(object)
        .withPropagationPolicy(DeletionPropagation.valueOf(propagation.toUpperCase()))
        .delete();
    long deadline = System.nanoTime() + RECREATE_WAIT.toNanos();
    while (client.resource(object).get() != null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            object.getKind()
                + "/"
                + object.getMetadata().getName()
                + " still exists "
                + RECREATE_WAIT.toMinutes()
                + " minutes after its delete (finalizers?)");
      }
      heartbeat.run();
      sleep(TimeUnit.MILLISECONDS.toMillis(250));
    }
  }

  /** Every wait of an apply or delete goes through here: it ends when the step is stopping. */
  static void sleep(long millis) {
    if (Parallel.stopping()) {
      throw new IllegalStateException("stopped waiting: the step is being canceled or has failed");
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
