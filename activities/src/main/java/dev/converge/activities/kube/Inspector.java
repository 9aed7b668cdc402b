package dev.converge.activities.kube;

import dev.converge.activities.manifest.RenderedRelease;
import dev.converge.workflows.contract.Annotations;
import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.model.ResourceKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** GET and server-side dry-run of one object: what would applying it do? Never writes. */
final class Inspector {
  private final KubernetesClient client;
  private final Set<String> releaseCrdKinds;
  private final Set<String> releaseIds;

  private final String releaseNamespace;
  private final boolean releaseNamespaceMissing;
  private final LiveObjects listed;
  private final RunIdentities.Identity identity;

  /**
   * @param releaseCrdKinds {@code group/Kind}s defined by CRDs of the release being planned
   * @param releaseIds ids of every object of the release being planned, hooks included
   * @param releaseNamespace created right before apply, so objects in it cannot be checked yet
   * @param releaseNamespaceMissing it does not exist yet: nothing in it can, nothing to GET there
   * @param listed live objects already read by LIST
   * @param identity whom the client acts as, named in refusals
   */
  Inspector(
      KubernetesClient client,
      Set<String> releaseCrdKinds,
      Set<String> releaseIds,
      String releaseNamespace,
      boolean releaseNamespaceMissing,
      LiveObjects listed,
      RunIdentities.Identity identity) {
    this.identity = identity;
    this.client = client;
    this.releaseCrdKinds = releaseCrdKinds;
    this.releaseIds = releaseIds;
    this.releaseNamespace = releaseNamespace;
    this.releaseNamespaceMissing = releaseNamespaceMissing;
    this.listed = listed;
  }

  /** The live annotations the plan reads (ownership and keep); nothing else enters history. */
  private static final Set<String> PLAN_ANNOTATIONS =
      Set.of(
          Manifests.RELEASE_NAME,
          Manifests.RELEASE_NAMESPACE,
          Annotations.HELM_RESOURCE_POLICY,
          Annotations.RESOURCE_POLICY);

  LiveState inspect(ResourceKey key, Optional<RenderedRelease.RenderedObject> manifest) {
    boolean inMissingNamespace =
        releaseNamespaceMissing && releaseNamespace.equals(key.namespace());
    Optional<HasMetadata> known = inMissingNamespace ? Optional.empty() : listed.known(key);
    HasMetadata live;
    try {
      live = known != null ? known.orElse(null) : client.resource(Manifests.stub(key)).get();
    } catch (KubernetesClientException e) {
      if (Failing.isUnknownType(e)) {
        return unknownKind(key, manifest);
      }
      if (Failing.isForbidden(e)) {
        // Nothing of an object the identity may not read enters the plan, not even its existence.
        return rejected(key, unreadable(e, manifest));
      }
      throw e;
    }
    String uid = live == null ? null : live.getMetadata().getUid();
    Map<String, String> annotations = live == null ? Map.of() : planAnnotations(live);
    if (manifest.isEmpty()) {
      return live == null
          ? LiveState.absent(key.id())
          : new LiveState(key.id(), true, uid, annotations, false, null, null);
    }
    HasMetadata desired;
    try {
      // Not stamped with release ownership: LiveDiff ignores those fields on both sides.
      desired = Manifests.parse(manifest.get().yaml());
    } catch (RuntimeException e) {
      return rejected(key, Manifests.describeParseError(e));
    }
    // Read only to scrub a refusal's message: most objects are accepted and never need it.
    String yaml = manifest.get().yaml();
    Supplier<Set<String>> sensitive = lazily(() -> Sensitive.values(yaml));
    if (inMissingNamespace) {
      try {
        String refusal = refusalElsewhere(yaml, sensitive);
        return refusal == null ? LiveState.absent(key.id()) : rejected(key, refusal);
      } catch (KubernetesClientException e) {
        return unknownKind(key, manifest);
      }
    }
    try {
      // A dry run for new objects too: whatever the API server would refuse is found before
      // anything of this converge is written.
      HasMetadata result =
          client
              .resource(desired)
              .dryRun()
              .fieldManager(ClusterActivitiesImpl.FIELD_MANAGER)
              .forceConflicts()
              .serverSideApply();
      if (live == null) {
        return LiveState.absent(key.id());
      }
      return new LiveState(
          key.id(), true, uid, annotations, LiveDiff.differs(live, result), null, null);
    } catch (KubernetesClientException e) {
      if (live == null
          && Failing.isMissingNamespace(e)
          && releaseNamespace.equals(key.namespace())) {
        // The release namespace is created right before apply: check the object's own fields in a
        // namespace that exists instead, so a first install is validated before any write too.
        String refusal = refusalElsewhere(yaml, sensitive);
        return refusal == null ? LiveState.absent(key.id()) : rejected(key, refusal);
      }
      if (Failing.isForbidden(e)) {
        return rejected(key, Failing.forbidden(e, live == null ? "create" : null, identity));
      }
      ResourceKey role =
          e.getCode() == 404 && !Failing.isMissingNamespace(e) ? RoleRefs.target(desired) : null;
      if (role != null) {
        return releaseIds.contains(role.id())
            ? LiveState.absent(key.id()) // its role comes first in the apply: checked there
            : rejected(key, missingRole(role));
      }
      if (Failing.isImmutableField(e)) {
        return new LiveState(
            key.id(),
            live != null,
            uid,
            annotations,
            true,
            Sensitive.scrub(Failing.reason(e), sensitive.get()),
            null);
      }
      if (Failing.isRejection(e)) {
        return new LiveState(
            key.id(),
            live != null,
            uid,
            annotations,
            true,
            null,
            Sensitive.scrub(Failing.reason(e), sensitive.get()));
      }
      throw e;
    }
  }

  private String missingRole(ResourceKey role) {
    return "refers to "
        + role.display()
        + ", which does not exist and is not in this chart; "
        + (identity == null ? "this identity" : identity.display())
        + " may bind only a role that exists";
  }

  /**
   * An object the identity may not read: when it may not write it either (the usual case: a
   * cluster-scoped object, another team's namespace), the refusal names the create it was after.
   */
  private String unreadable(
      KubernetesClientException getRefused, Optional<RenderedRelease.RenderedObject> manifest) {
    if (manifest.isPresent()) {
      try {
        client
            .resource(Manifests.parse(manifest.get().yaml()))
            .dryRun()
            .fieldManager(ClusterActivitiesImpl.FIELD_MANAGER)
            .forceConflicts()
            .serverSideApply();
      } catch (KubernetesClientException e) {
        if (Failing.isForbidden(e)) {
          return Failing.forbidden(e, "create", identity);
        }
      } catch (RuntimeException unparsable) {
        // reported by the GET's refusal below
      }
    }
    return Failing.forbidden(getRefused, "get", identity);
  }

  /**
   * Dry run in {@value #STAND_IN_NAMESPACE}; only a validation refusal of the object itself counts.
   */
  private String refusalElsewhere(String yaml, Supplier<Set<String>> sensitive) {
    HasMetadata copy = Manifests.parse(yaml);
    copy.getMetadata().setNamespace(STAND_IN_NAMESPACE);
    try {
      client
          .resource(copy)
          .dryRun()
          .fieldManager(ClusterActivitiesImpl.FIELD_MANAGER)
          .forceConflicts()
          .serverSideApply();
      return null;
    } catch (KubernetesClientException e) {
      if (Failing.isUnknownType(e)) {
        throw e; // the kind itself, not this object
      }
      // Immutable fields or conflicts would be about an unrelated object of the same name there.
      if (e.getCode() != 422 || Failing.isImmutableField(e)) {
        return null;
      }
      return Sensitive.scrub(Failing.reason(e), sensitive.get());
    }
  }

  private static final String STAND_IN_NAMESPACE = "default";

  private static <T> Supplier<T> lazily(Supplier<T> compute) {
    return new Supplier<>() {
      private T value;

      @Override
      public T get() {
        if (value == null) {
          value = compute.get();
        }
        return value;
      }
    };
  }

  private LiveState unknownKind(
      ResourceKey key, Optional<RenderedRelease.RenderedObject> manifest) {
    if (manifest.isPresent()
        && !releaseCrdKinds.contains(ReleaseCrds.groupKind(key.apiVersion(), key.kind()))) {
      return rejected(
          key,
          "unknown kind "
              + key.kind()
              + " (apiVersion "
              + key.apiVersion()
              + "): the cluster does not serve it"
              + " and no CustomResourceDefinition in this release defines it");
    }
    // Its CRD comes with this release: planned as a create, checked once the CRD is in.
    return LiveState.absent(key.id());
  }

  private static LiveState rejected(ResourceKey key, String error) {
    return new LiveState(key.id(), false, null, Map.of(), true, null, error);
  }

  private static Map<String, String> planAnnotations(HasMetadata live) {
    Map<String, String> all = live.getMetadata().getAnnotations();
    if (all == null) {
      return Map.of();
    }
    Map<String, String> kept = new HashMap<>();
    all.forEach(
        (k, v) -> {
          if (PLAN_ANNOTATIONS.contains(k)) {
            kept.put(k, v);
          }
        });
    return kept;
  }
}
