package dev.converge.workflows.model;

/**
 * Where a release lives: kube context (a name from the worker's configuration), namespace, name.
 */
public record ReleaseTarget(String kubeContext, String namespace, String release) {}
