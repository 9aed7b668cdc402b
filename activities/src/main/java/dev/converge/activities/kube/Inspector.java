package dev.converge.activities.kube;

import dev.converge.activities.bundle.Bundle;
import dev.converge.workflows.activities.LiveState;
import dev.converge.workflows.model.ResourceKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Optional;

/** GET and server-side dry-run of one object: what would applying it do? Never writes. */
final class Inspector {
  private final KubernetesClient client;
  private final java.util.Set<String> releaseCrdKinds;

  /** @param releaseCrdKinds {@code group/Kind}s defined by CRDs of the release being planned */
  Inspector(KubernetesClient client, java.util.Set<String> releaseCrdKinds) {
    this.client = client;
    this.releaseCrdKinds = releaseCrdKinds;
  }

  LiveState inspect(ResourceKey key, Optional<Bundle.BundledObject> manifest) {
    HasMetadata live;
    try {
      live = client.resource(Manifests.stub(key)).get();
    } catch (KubernetesClientException e) {
      if (Failing.isUnknownType(e)) {
        if (manifest.isPresent() && !releaseCrdKinds.contains(ReleaseCrds.groupKind(key.apiVersion(), key.kind()))) {
          return new LiveState(key.id(), false, null, Map.of(), true, null,
              "unknown kind " + key.kind() + " (apiVersion " + key.apiVersion() + "): the cluster does not serve it"
                  + " and no CustomResourceDefinition in this release defines it");
        }
        // Its CRD comes with this release: planned as a create, checked once the CRD is in.
        return LiveState.absent(key.id());
      }
      throw e;
    }
    if (live == null) {
      return LiveState.absent(key.id());
    }
    Map<String, String> annotations = live.getMetadata().getAnnotations();
    String uid = live.getMetadata().getUid();
    if (manifest.isEmpty()) {
      return new LiveState(key.id(), true, uid, annotations, false, null, null);
    }
    // Not stamped with release ownership: LiveDiff ignores those fields on both sides.
    HasMetadata desired = Manifests.parse(manifest.get().yaml());
    java.util.Set<String> sensitive = Sensitive.values(manifest.get().yaml());
    try {
      HasMetadata result = client.resource(desired).dryRun().fieldManager(ClusterActivitiesImpl.FIELD_MANAGER).forceConflicts().serverSideApply();
      return new LiveState(key.id(), true, uid, annotations, LiveDiff.differs(live, result), null, null);
    } catch (KubernetesClientException e) {
      if (Failing.isImmutableField(e)) {
        return new LiveState(key.id(), true, uid, annotations, true, Sensitive.scrub(Failing.reason(e), sensitive), null);
      }
      if (Failing.isRejection(e)) {
        return new LiveState(key.id(), true, uid, annotations, true, null, Sensitive.scrub(Failing.reason(e), sensitive));
      }
      throw e;
    }
  }
}
