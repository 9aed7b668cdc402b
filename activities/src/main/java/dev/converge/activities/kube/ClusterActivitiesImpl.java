package dev.converge.activities.kube;

import dev.converge.activities.manifest.ManifestStore;
import dev.converge.activities.manifest.RenderedRelease;
import dev.converge.workflows.activities.ClusterActivities;
import dev.converge.workflows.activities.ClusterActivities.ApplyOp;
import dev.converge.workflows.activities.ClusterActivities.ObjectDiff;
import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.contract.OperationType;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.model.ResourceKey;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

public final class ClusterActivitiesImpl implements ClusterActivities {
  /** Helm's own manager name, so objects pass between helm, werf and converge without conflicts. */
  public static final String FIELD_MANAGER = "helm";

  // Each new object costs a GET and a dry-run apply: as wide as the apply itself.
  private static final int INSPECT_PARALLELISM = 30;

  private final KubeClients clients;
  private final ManifestStore bundles;
  private final Namespaces namespaces;

  /**
   * @param clients each run's client acts as the run's identity; namespaces are the worker's own
   */
  public ClusterActivitiesImpl(KubeClients clients, ManifestStore bundles) {
    this.clients = clients;
    this.bundles = bundles;
    this.namespaces = new Namespaces(clients);
  }

  @Override
  public boolean ensureNamespace(ReleaseTarget target) {
    return namespaces.ensure(target);
  }

  @Override
  public List<ObjectDiff> diff(InspectRequest request) {
    KubernetesClient client = clients.apply(request.target());
    RenderedRelease bundle = bundles.get(request.bundleDigest());
    Differ differ = new Differ(client);
    return Parallel.map(
        request.resources(), 10, Heartbeat::beat, key -> differ.diff(key, bundle.object(key.id())));
  }

  @Override
  public boolean deleteNamespace(ReleaseTarget target) {
    return namespaces.deleteIfCreatedFor(target);
  }

  @Override
  public List<LiveState> inspect(InspectRequest request) {
    // Asked as the worker: a tenant's deployer need not read Namespaces. A namespace the run may
    // not have created is refused here, before any write.
    boolean namespaceMissing = namespaces.missing(request.target());
    KubernetesClient client = clients.apply(request.target());
    RenderedRelease bundle = bundles.get(request.bundleDigest());
    String namespace = request.target().namespace();
    LiveObjects listed =
        LiveObjects.read(
            client,
            namespaceMissing
                ? request.resources().stream()
                    .filter(k -> !namespace.equals(k.namespace()))
                    .toList()
                : request.resources(),
            Heartbeat::beat);
    Inspector inspector =
        new Inspector(
            client,
            ReleaseCrds.kinds(bundle),
            bundle.objects().stream()
                .map(RenderedRelease.RenderedObject::id)
                .collect(Collectors.toSet()),
            namespace,
            namespaceMissing,
            listed,
            clients.identity(request.target()));
    return Parallel.map(
        request.resources(),
        INSPECT_PARALLELISM,
        Heartbeat::beat,
        key -> inspector.inspect(key, bundle.object(key.id())));
  }

  @Override
  public List<Applied> apply(ApplyRequest request) {
    KubernetesClient client = clients.apply(request.target());
    RenderedRelease bundle = bundles.get(request.bundleDigest());
    // Creates check first that nothing took the name since the plan: read in one go where many.
    List<ResourceKey> creates =
        request.operations().stream()
            .filter(op -> op.type() == OperationType.CREATE)
            .map(ApplyOp::key)
            .toList();
    LiveObjects existing = LiveObjects.read(client, creates, Heartbeat::beat);
    Applier applier =
        new Applier(client, request.target(), bundle, Heartbeat::beat, existing.lookup(client));
    List<String> rejected = new ArrayList<>();
    List<String> foreign = new ArrayList<>();
    List<Applied> applied = new ArrayList<>();
    for (List<ApplyOp> group : InstallOrder.groups(request.operations(), op -> op.key().kind())) {
      applied.addAll(
          Parallel.map(
              group,
              request.parallelism(),
              Heartbeat::beat,
              op -> {
                try {
                  return applier.apply(op, request.externalWaitSeconds());
                } catch (Applier.Foreign e) {
                  synchronized (rejected) {
                    foreign.add(e.getMessage());
                  }
                  return null;
                } catch (KubernetesClientException e) {
                  if (!Failing.isRejection(e)) {
                    throw e;
                  }
                  synchronized (rejected) {
                    // The API server may echo a field's value in its message; the message goes into
                    // history.
                    String reason =
                        Sensitive.scrub(
                            Failing.reason(e),
                            bundle
                                .object(op.key().id())
                                .map(o -> Sensitive.values(o.yaml()))
                                .orElse(Set.of()));
                    rejected.add(op.key().display() + ": " + reason);
                  }
                  return null;
                }
              }));
    }
    if (!rejected.isEmpty() || !foreign.isEmpty()) {
      List<String> parts = new ArrayList<>(foreign);
      if (!rejected.isEmpty()) {
        parts.add("the API server rejected: " + String.join("; ", rejected));
      }
      throw ApplicationFailure.newNonRetryableFailure(String.join("; ", parts), "ApplyRejected");
    }
    return applied;
  }

  @Override
  public List<Deleted> delete(DeleteRequest request) {
    return new Deleter(clients.apply(request.target()), request.target(), Heartbeat::beat)
        .delete(request.operations(), request.timeoutSeconds());
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
