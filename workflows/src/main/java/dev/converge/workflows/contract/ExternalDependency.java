package dev.converge.workflows.contract;

/**
 * {@code <id>.external-dependency.werf.io/resource}: an object outside the release that must exist
 * before this resource is applied. {@code version} and {@code group} may be null.
 */
public record ExternalDependency(
    String id, String kind, String version, String group, String name, String namespace) {}
