package dev.converge.workflows.plan;

/** {@code werf.io/ownership}: whether the release may delete the object. */
public enum Ownership {
  RELEASE,
  ANYONE
}
