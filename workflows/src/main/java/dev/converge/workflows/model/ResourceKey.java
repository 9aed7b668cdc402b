package dev.converge.workflows.model;

/**
 * Identity of one Kubernetes object. The version is carried for API calls but left out of {@link
 * #id()}, so an object keeps its identity when a chart moves it to a newer apiVersion.
 */
public record ResourceKey(String apiVersion, String kind, String namespace, String name) {

  public ResourceKey {
    namespace = namespace == null || namespace.isBlank() ? null : namespace;
  }

  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /**
   * Stable identity: {@code group/Kind/namespace/name} (empty parts for core group or cluster
   * scope).
   */
  public String id() {
    return group() + "/" + kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
  }

  /** What people read: {@code Kind/name} or {@code Kind/namespace/name}. */
  public String display() {
    return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }

  @Override
  public String toString() {
    return display();
  }
}
