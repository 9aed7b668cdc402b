package dev.converge.activities.drift;

import dev.converge.activities.kube.ClusterActivitiesImpl;
import dev.converge.activities.kube.KubeClients;
import dev.converge.activities.kube.Manifests;
import dev.converge.activities.kube.Parallel;
import dev.converge.activities.kube.Sensitive;
import dev.converge.activities.manifest.ManifestStore;
import dev.converge.activities.manifest.RenderedRelease;
import dev.converge.workflows.drift.DriftActivities;
import dev.converge.workflows.drift.FieldDrift;
import dev.converge.workflows.drift.IgnoreRule;
import dev.converge.workflows.drift.ObjectDrift;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.model.ResourceKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The drift check (docs/semantics.md#drift): per object a GET and a server-side dry-run apply of
 * the stored manifest, both as the run's identity, then {@link DriftCompare}. Never writes.
 */
public final class DriftActivitiesImpl implements DriftActivities {
  private static final int PARALLELISM = 10;

  private final KubeClients clients;
  private final ManifestStore store;

  public DriftActivitiesImpl(KubeClients clients, ManifestStore store) {
    this.clients = clients;
    this.store = store;
  }

  @Override
  public List<ObjectDrift> check(DriftCheck request) {
    KubernetesClient client = clients.apply(request.target());
    RenderedRelease bundle = store.get(request.bundleDigest());
    return Parallel.map(
            request.objects(),
            PARALLELISM,
            DriftActivitiesImpl::beat,
            object -> one(client, request.target(), bundle, object, request.ignore()))
        .stream()
        .filter(Objects::nonNull)
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static ObjectDrift one(
      KubernetesClient client,
      ReleaseTarget target,
      RenderedRelease bundle,
      Checked object,
      List<IgnoreRule> rules) {
    ResourceKey key = object.key();
    RenderedRelease.RenderedObject manifest =
        bundle
            .object(key.id())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        key.display() + " is not in the stored revision's manifests",
                        "DriftCheckFailed"));
    HasMetadata desired = Manifests.parse(manifest.yaml());
    if (object.releaseOwned()) {
      Manifests.stampRelease(desired, target.release(), target.namespace());
    }
    Set<String> sensitive = Sensitive.values(manifest.yaml());
    try {
      HasMetadata live = client.resource(desired).get();
      if (live == null) {
        return new ObjectDrift(key.id(), key.display(), true, List.of());
      }
      if (object.keepLiveReplicas()
          && Manifests.replicas(desired) == null
          && Manifests.replicas(live) != null) {
        desired = Manifests.withReplicas(desired, Manifests.replicas(live));
      }
      HasMetadata wouldBe =
          client
              .resource(desired)
              .dryRun()
              .fieldManager(ClusterActivitiesImpl.FIELD_MANAGER)
              .forceConflicts()
              .serverSideApply();
      List<String> ignored =
          rules.stream()
              .filter(rule -> rule.matches(key.kind(), key.name()))
              .flatMap(rule -> rule.paths().stream())
              .toList();
      DriftCompare.Result result =
          DriftCompare.compare(
              Serialization.jsonMapper().convertValue(wouldBe, Map.class),
              Serialization.jsonMapper().convertValue(live, Map.class),
              ClusterActivitiesImpl.FIELD_MANAGER,
              ignored);
      if (!result.drifted()) {
        return null;
      }
      return new ObjectDrift(
          key.id(),
          key.display(),
          false,
          result.changes().stream()
              .map(c -> new FieldDrift(c.pointer(), c.expected(), c.actual()))
              .toList());
    } catch (KubernetesClientException e) {
      if (e.getCode() >= 500 || e.getCode() == 0 || e.getCode() == 429) {
        throw e; // the cluster is briefly away: the activity is retried
      }
      throw ApplicationFailure.newNonRetryableFailure(
          key.display()
              + ": "
              + (e.getCode() == 403 ? "the run's identity may not read or dry-run it: " : "")
              + Sensitive.scrub(
                  e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage(), sensitive),
          "DriftCheckFailed");
    }
  }

  private static void beat() {
    try {
      Activity.getExecutionContext().heartbeat(null);
    } catch (IllegalStateException notInActivity) {
      // plain tests
    }
  }
}
