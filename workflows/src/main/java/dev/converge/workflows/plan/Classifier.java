package dev.converge.workflows.plan;

import static dev.converge.workflows.contract.Annotations.*;

import dev.converge.workflows.model.ResourceMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads every werf/Helm annotation of docs/semantics.md#annotations into typed fields with defaults
 * applied. Collects all problems instead of stopping at the first, so one run shows the user
 * everything to fix.
 */
public final class Classifier {
  static final Set<String> DEPLOY_ON_VALUES =
      Set.of(
          "pre-install",
          "install",
          "post-install",
          "pre-upgrade",
          "upgrade",
          "post-upgrade",
          "pre-rollback",
          "rollback",
          "post-rollback",
          "pre-delete",
          "delete",
          "post-delete",
          "test");
  private static final Set<String> HELM_HOOKS =
      Set.of(
          "pre-install",
          "post-install",
          "pre-upgrade",
          "post-upgrade",
          "pre-rollback",
          "post-rollback",
          "pre-delete",
          "post-delete",
          "test",
          "test-success");
  private static final Set<String> PROPAGATIONS = Set.of("Foreground", "Background", "Orphan");

  private Classifier() {}

  public record Classification(List<ClassifiedResource> resources, List<String> errors) {}

  /**
   * @param readings which annotations to read: those of the code a history was recorded on
   */
  public static Classification classify(
      List<ResourceMeta> metas, String releaseNamespace, Readings readings) {
    List<String> errors = new ArrayList<>();
    List<ClassifiedResource> out = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (ResourceMeta meta : metas) {
      String previous = seen.putIfAbsent(meta.key().id(), meta.source());
      if (previous != null) {
        errors.add(
            meta.source()
                + ": "
                + meta.key().display()
                + ": duplicate resource, also rendered by "
                + previous);
        continue;
      }
      out.add(new One(meta, releaseNamespace, errors, readings).classify());
    }
    return new Classification(out, errors);
  }

  /** Classification of one resource; problems go to the shared error list. */
  private static final class One {
    private final ResourceMeta meta;
    private final String releaseNamespace;
    private final List<String> errors;
    private final AnnotationReader read;
    private final Readings readings;

    One(ResourceMeta meta, String releaseNamespace, List<String> errors, Readings readings) {
      this.meta = meta;
      this.releaseNamespace = releaseNamespace;
      this.errors = errors;
      this.read = new AnnotationReader(meta, errors);
      this.readings = readings;
    }

    ClassifiedResource classify() {
      boolean hook = meta.annotation(HOOK) != null;
      // Read (and so validated) even where it is then ignored: a typo must not pass silently.
      int weight = weight();
      boolean nelm131 = readings.has(Readings.NELM_131);
      if (nelm131) {
        read.bool(SENSITIVE); // masking happens where manifests are shown; a typo fails here
      }
      return new ClassifiedResource(
          meta,
          hook,
          deployOn(hook),
          isCrdOrNamespace() ? 0 : weight,
          ownership(hook),
          deletePolicies(hook),
          resourcePolicies(),
          read.oneOf(DELETE_PROPAGATION, PROPAGATIONS, "Foreground"),
          read.nonNegativeInt(REPLICAS_ON_CREATION),
          TrackingReader.read(read, nelm131),
          DependencyReader.dependencies(read, nelm131),
          DependencyReader.external(
              read, releaseNamespace, readings.has(Readings.NELM_131_DEPENDENCIES)),
          readings.has(Readings.NELM_131_DEPENDENCIES)
              ? DependencyReader.deleteDependencies(read)
              : List.of());
    }

    /**
     * Same rule as {@link ClassifiedResource#isCrdOrNamespace}: a CRD-named kind of another group
     * is not one.
     */
    private boolean isCrdOrNamespace() {
      return ClassifiedResource.isCrdOrNamespace(meta.key());
    }

    private Set<String> deployOn(boolean hook) {
      String werf = meta.annotation(DEPLOY_ON);
      if (werf != null) {
        return read.list(DEPLOY_ON, werf, DEPLOY_ON_VALUES);
      }
      if (hook) {
        Set<String> events = new LinkedHashSet<>();
        for (String event : read.list(HOOK, meta.annotation(HOOK), HELM_HOOKS)) {
          events.add("test-success".equals(event) ? "test" : event);
        }
        return events;
      }
      return Set.of("install", "upgrade", "rollback");
    }

    private int weight() {
      Integer werf = read.integer(WEIGHT);
      if (werf != null) {
        return werf;
      }
      Integer helm = read.integer(HOOK_WEIGHT);
      return helm == null ? 0 : helm;
    }

    private Ownership ownership(boolean hook) {
      String value = meta.annotation(OWNERSHIP);
      if (value != null) {
        switch (value.trim()) {
          case "release":
            return Ownership.RELEASE;
          case "anyone":
            return Ownership.ANYONE;
          default:
            read.invalid(OWNERSHIP, value, "must be release or anyone");
        }
      }
      boolean releaseNamespaceObject =
          "Namespace".equals(meta.key().kind()) && meta.key().name().equals(releaseNamespace);
      return hook || meta.fromCrdsDir() || releaseNamespaceObject
          ? Ownership.ANYONE
          : Ownership.RELEASE;
    }

    private Set<DeletePolicy> deletePolicies(boolean hook) {
      Set<DeletePolicy> policies = new LinkedHashSet<>();
      String werf = meta.annotation(DELETE_POLICY);
      String helm = meta.annotation(HOOK_DELETE_POLICY);
      if (werf != null) {
        for (String value :
            read.list(
                DELETE_POLICY,
                werf,
                Set.of("before-creation", "before-creation-if-immutable", "succeeded", "failed"))) {
          policies.add(DeletePolicy.valueOf(value.toUpperCase().replace('-', '_')));
        }
      } else if (helm != null) {
        for (String value :
            read.list(
                HOOK_DELETE_POLICY,
                helm,
                Set.of("before-hook-creation", "hook-succeeded", "hook-failed"))) {
          policies.add(
              switch (value) {
                case "before-hook-creation" -> DeletePolicy.BEFORE_CREATION;
                case "hook-succeeded" -> DeletePolicy.SUCCEEDED;
                default -> DeletePolicy.FAILED;
              });
        }
      } else if (hook) {
        policies.add(DeletePolicy.BEFORE_CREATION);
      }
      boolean recreates =
          policies.contains(DeletePolicy.BEFORE_CREATION)
              || policies.contains(DeletePolicy.BEFORE_CREATION_IF_IMMUTABLE);
      if (!recreates && "Job".equals(meta.key().kind()) && "batch".equals(meta.key().group())) {
        policies.add(DeletePolicy.BEFORE_CREATION_IF_IMMUTABLE);
      }
      return policies;
    }

    private Set<ResourcePolicy> resourcePolicies() {
      Set<ResourcePolicy> policies = new LinkedHashSet<>();
      String werf = meta.annotation(RESOURCE_POLICY);
      if (werf != null) {
        for (String value :
            read.list(
                RESOURCE_POLICY,
                werf,
                Set.of("skip-create", "skip-update", "skip-recreate", "skip-delete", "keep"))) {
          policies.add(ResourcePolicy.valueOf(value.toUpperCase().replace('-', '_')));
        }
      }
      String helm = meta.annotation(HELM_RESOURCE_POLICY);
      if (helm != null) {
        if ("keep".equals(helm.trim())) {
          policies.add(ResourcePolicy.KEEP);
        } else {
          read.invalid(HELM_RESOURCE_POLICY, helm, "the only value Helm knows is keep");
        }
      }
      if (policies.contains(ResourcePolicy.KEEP)) {
        policies.add(ResourcePolicy.SKIP_DELETE);
      }
      return policies;
    }
  }
}
