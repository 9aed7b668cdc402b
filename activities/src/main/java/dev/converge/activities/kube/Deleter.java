package dev.converge.activities.kube;

import dev.converge.workflows.activities.ClusterActivities.DeleteOp;
import dev.converge.workflows.activities.ClusterActivities.Deleted;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.plan.LivePolicies;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deletes in waves (an object waits for the ones its werf.io/delete-dependency names), and in each
 * wave kind by kind in the given order, then waits for every deleted object of the wave to be gone.
 * Check, then act: an absent object is done, someone else's object (other uid) or a kept one is
 * left alone.
 */
final class Deleter {
  static final int PARALLELISM = 30;
  private final KubernetesClient client;
  private final ReleaseTarget target;
  private final Runnable heartbeat;

  Deleter(KubernetesClient client, ReleaseTarget target, Runnable heartbeat) {
    this.client = client;
    this.target = target;
    this.heartbeat = heartbeat;
  }

  /**
   * Outcomes: absent, foreign, kept, deleted, or (permanent, reported instead of retried) {@code
   * failed: <why>} when the API server refuses, {@code stuck: <why>} when the object is still there
   * at the deadline (a finalizer that never clears).
   */
  List<Deleted> delete(List<DeleteOp> operations, int timeoutSeconds) {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    Map<String, Deleted> outcomes = new HashMap<>();
    for (List<DeleteOp> wave : DeleteWaves.of(operations)) {
      List<DeleteOp> ready = new ArrayList<>();
      for (DeleteOp op : wave) {
        String blocker = blocker(op, outcomes);
        if (blocker == null) {
          ready.add(op);
        } else {
          // nelm's rule: never delete before what it depends on is gone.
          outcomes.put(
              op.key().id(),
              new Deleted(op.key().id(), "stuck: waits for " + blocker + " to be deleted first"));
        }
      }
      deleteWave(ready, deadline, timeoutSeconds).forEach(d -> outcomes.put(d.id(), d));
    }
    return operations.stream().map(op -> outcomes.get(op.key().id())).toList();
  }

  /** The first of op's dependencies that was not deleted (still there), or null. */
  private static String blocker(DeleteOp op, Map<String, Deleted> outcomes) {
    for (String id : op.after()) {
      Deleted dependency = outcomes.get(id);
      if (dependency != null
          && (dependency.outcome().startsWith("stuck:")
              || dependency.outcome().startsWith("failed:"))) {
        return id;
      }
    }
    return null;
  }

  private List<Deleted> deleteWave(List<DeleteOp> operations, long deadline, int timeoutSeconds) {
    Map<String, HasMetadata> waiting = new ConcurrentHashMap<>();
    List<Deleted> out = new ArrayList<>();
    // As Helm does: the objects of one kind at once, kinds one after another in the given order.
    // One by one, compensating a 600-object apply took half a minute of round trips.
    for (List<DeleteOp> run : runsOfOneKind(operations)) {
      out.addAll(Parallel.map(run, PARALLELISM, heartbeat, op -> deleteOne(op, waiting)));
    }
    Map<String, String> stuck = awaitAbsence(waiting, deadline, timeoutSeconds);
    return out.stream()
        .map(
            d -> stuck.containsKey(d.id()) ? new Deleted(d.id(), "stuck: " + stuck.get(d.id())) : d)
        .toList();
  }

  private Deleted deleteOne(DeleteOp op, Map<String, HasMetadata> waiting) {
    HasMetadata stub = Manifests.stub(op.key());
    String outcome;
    try {
      HasMetadata live = get(stub);
      if (live == null) {
        outcome = "absent";
      } else if (op.expectedUid() != null
          && !op.expectedUid().equals(live.getMetadata().getUid())) {
        outcome = "foreign";
      } else if (op.expectedUid() == null
          && op.onlyReleaseStamped()
          && !CreatedBy.release(live, target)) {
        outcome = "foreign";
      } else if (keeps(live)) {
        outcome = "kept";
      } else {
        client
            .resource(live)
            .withPropagationPolicy(DeletionPropagation.valueOf(op.propagation().toUpperCase()))
            .delete();
        waiting.put(op.key().id(), live);
        outcome = "deleted";
      }
    } catch (KubernetesClientException e) {
      if (!Failing.isRejection(e)) {
        throw e; // the cluster's trouble, not ours: worth a retry
      }
      outcome = "failed: " + Failing.reason(e);
    }
    return new Deleted(op.key().id(), outcome);
  }

  static List<List<DeleteOp>> runsOfOneKind(List<DeleteOp> operations) {
    List<List<DeleteOp>> runs = new ArrayList<>();
    for (DeleteOp op : operations) {
      List<DeleteOp> last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (last != null && last.get(0).key().kind().equals(op.key().kind())) {
        last.add(op);
      } else {
        runs.add(new ArrayList<>(List.of(op)));
      }
    }
    return runs;
  }

  private HasMetadata get(HasMetadata stub) {
    try {
      return client.resource(stub).get();
    } catch (KubernetesClientException e) {
      if (Failing.isUnknownType(e)) {
        return null;
      }
      throw e;
    }
  }

  /**
   * @return id -> why, for the objects still there at the deadline
   */
  private Map<String, String> awaitAbsence(
      Map<String, HasMetadata> objects, long deadline, int timeoutSeconds) {
    Map<String, String> stuck = new ConcurrentHashMap<>();
    Parallel.map(
        List.copyOf(objects.entrySet()),
        PARALLELISM,
        heartbeat,
        entry -> {
          HasMetadata object = entry.getValue();
          while (true) {
            HasMetadata live = get(object);
            // Same name but a new uid: ours is gone, something recreated it.
            if (live == null
                || !live.getMetadata().getUid().equals(object.getMetadata().getUid())) {
              return null;
            }
            if (System.nanoTime() > deadline) {
              stuck.put(
                  entry.getKey(),
                  "still there "
                      + timeoutSeconds
                      + "s after its delete (finalizers: "
                      + live.getMetadata().getFinalizers()
                      + ")");
              return null;
            }
            Applier.sleep(250);
          }
        });
    return stuck;
  }

  /** keep on the live object protects it even when the chart no longer says so. */
  static boolean keeps(HasMetadata live) {
    Map<String, String> annotations = live.getMetadata().getAnnotations();
    return annotations != null && LivePolicies.keeps(annotations);
  }
}
