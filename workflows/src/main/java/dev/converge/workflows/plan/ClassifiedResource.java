package dev.converge.workflows.plan;

import dev.converge.workflows.contract.ExternalDependency;
import dev.converge.workflows.contract.TrackSpec;
import dev.converge.workflows.model.Copies;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceMeta;
import java.util.List;
import java.util.Set;

/**
 * A rendered resource with every annotation parsed and every default applied.
 *
 * @param deleteDependencies werf.io/delete-dependency-*: objects that must be gone before this one
 *     is deleted
 */
public record ClassifiedResource(
    ResourceMeta meta,
    boolean hook,
    Set<String> deployOn,
    int weight,
    Ownership ownership,
    Set<DeletePolicy> deletePolicies,
    Set<ResourcePolicy> resourcePolicies,
    String deletePropagation,
    Integer replicasOnCreation,
    TrackSpec tracking,
    List<Dependency> dependencies,
    List<ExternalDependency> externalDependencies,
    List<Dependency> deleteDependencies) {

  public ClassifiedResource {
    deployOn = Copies.set(deployOn);
    deletePolicies = Copies.set(deletePolicies);
    resourcePolicies = Copies.set(resourcePolicies);
    dependencies = Copies.list(dependencies);
    externalDependencies = Copies.list(externalDependencies);
    deleteDependencies = Copies.list(deleteDependencies);
  }

  public ResourceKey key() {
    return meta.key();
  }

  public String id() {
    return meta.key().id();
  }

  public boolean has(ResourcePolicy policy) {
    return resourcePolicies.contains(policy);
  }

  /** keep implies skip-delete; either protects the object from any delete by the release. */
  public boolean protectedFromDelete() {
    return has(ResourcePolicy.KEEP) || has(ResourcePolicy.SKIP_DELETE);
  }

  public boolean isCrdOrNamespace() {
    return isCrdOrNamespace(key());
  }

  /**
   * apiextensions.k8s.io CustomResourceDefinition or core Namespace: forced weight 0, INIT stage.
   */
  public static boolean isCrdOrNamespace(ResourceKey key) {
    return ("CustomResourceDefinition".equals(key.kind())
            && "apiextensions.k8s.io".equals(key.group()))
        || ("Namespace".equals(key.kind()) && key.group().isEmpty());
  }
}
