package dev.converge.workflows.plan;

import dev.converge.workflows.model.ResourceKey;

/**
 * {@code werf.io/deploy-dependency-<id>}: wait for another resource of the same release (and
 * stage). Null fields match anything.
 */
public record Dependency(
    String id,
    String kind,
    String group,
    String version,
    String name,
    String namespace,
    boolean ready) {

  public boolean matches(ResourceKey key) {
    return (kind == null || kind.equals(key.kind()))
        && (group == null || group.equals(key.group()))
        && (version == null
            || key.apiVersion().endsWith("/" + version)
            || key.apiVersion().equals(version))
        && (name == null || name.equals(key.name()))
        && (namespace == null || namespace.equals(key.namespace()));
  }
}
