package dev.converge.activities.kube;

import dev.converge.activities.bundle.Bundle;
import dev.converge.activities.bundle.BundleStore;
import dev.converge.workflows.activities.ClusterActivities;
import dev.converge.workflows.activities.ClusterActivities.ApplyOp;
import dev.converge.workflows.activities.ClusterActivities.ObjectDiff;
import dev.converge.workflows.activities.LiveState;
import dev.converge.workflows.model.ReleaseTarget;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

public final class ClusterActivitiesImpl implements ClusterActivities {
  /** Helm's own manager name, so objects pass between helm, werf and converge without conflicts. */
  public static final String FIELD_MANAGER = "helm";
  // Each new object costs a GET and a dry-run apply: as wide as the apply itself.
  private static final int INSPECT_PARALLELISM = 30;

  private final Function<String, KubernetesClient> clients;
  private final BundleStore bundles;

  public ClusterActivitiesImpl(Function<String, KubernetesClient> clients, BundleStore bundles) {
    this.clients = clients;
    this.bundles = bundles;
  }

  @Override
  public boolean ensureNamespace(ReleaseTarget target) {
    KubernetesClient client = clients.apply(target.kubeContext());
    if (client.namespaces().withName(target.namespace()).get() != null) {
      return false;
    }
    try {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(target.namespace()).endMetadata().build()).create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public List<ObjectDiff> diff(InspectRequest request) {
    KubernetesClient client = clients.apply(request.target().kubeContext());
    Bundle bundle = bundles.get(request.bundleDigest());
    Differ differ = new Differ(client);
    return Parallel.map(request.resources(), 10, Heartbeat::beat, key -> differ.diff(key, bundle.object(key.id())));
  }

  @Override
  public boolean deleteNamespace(ReleaseTarget target) {
    KubernetesClient client = clients.apply(target.kubeContext());
    if (client.namespaces().withName(target.namespace()).get() == null) {
      return false;
    }
    client.namespaces().withName(target.namespace()).delete();
    return true;
  }

  @Override
  public List<LiveState> inspect(InspectRequest request) {
    KubernetesClient client = clients.apply(request.target().kubeContext());
    Bundle bundle = bundles.get(request.bundleDigest());
    String namespace = request.target().namespace();
    boolean namespaceMissing = client.namespaces().withName(namespace).get() == null;
    LiveObjects listed = LiveObjects.read(client, namespaceMissing
        ? request.resources().stream().filter(k -> !namespace.equals(k.namespace())).toList()
        : request.resources(), Heartbeat::beat);
    Inspector inspector = new Inspector(client, ReleaseCrds.kinds(bundle), namespace, namespaceMissing, listed);
    return Parallel.map(request.resources(), INSPECT_PARALLELISM, Heartbeat::beat,
        key -> inspector.inspect(key, bundle.object(key.id())));
  }

  @Override
  public List<Applied> apply(ApplyRequest request) {
    KubernetesClient client = clients.apply(request.target().kubeContext());
    Bundle bundle = bundles.get(request.bundleDigest());
    Applier applier = new Applier(client, request.target(), bundle, Heartbeat::beat);
    List<String> rejected = new ArrayList<>();
    List<Applied> applied = new ArrayList<>();
    for (List<ApplyOp> group : InstallOrder.groups(request.operations(), op -> op.key().kind())) {
      applied.addAll(Parallel.map(group, request.parallelism(), Heartbeat::beat, op -> {
        try {
          return applier.apply(op, request.externalWaitSeconds());
        } catch (KubernetesClientException e) {
          if (!Failing.isRejection(e)) {
            throw e;
          }
          synchronized (rejected) {
            // The API server may echo a field's value in its message; the message goes into history.
            String reason = Sensitive.scrub(Failing.reason(e), bundle.object(op.key().id()).map(o -> Sensitive.values(o.yaml())).orElse(java.util.Set.of()));
            rejected.add(op.key().display() + ": " + reason);
          }
          return null;
        }
      }));
    }
    if (!rejected.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure("the API server rejected: " + String.join("; ", rejected), "ApplyRejected");
    }
    return applied;
  }

  @Override
  public List<Deleted> delete(DeleteRequest request) {
    return new Deleter(clients.apply(request.target().kubeContext()), Heartbeat::beat).delete(request.operations(), request.timeoutSeconds());
  }

  /** Heartbeats only when running as an activity, so the classes stay usable in plain tests. */
  static final class Heartbeat {
    private Heartbeat() {}

    static void beat() {
      try {
        Activity.getExecutionContext().heartbeat(null);
      } catch (IllegalStateException notInActivity) {
        // called outside an activity (unit tests)
      }
    }
  }
}
