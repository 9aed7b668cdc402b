package dev.converge.workflows.plan;

/** {@code werf.io/delete-policy} values (also mapped from {@code helm.sh/hook-delete-policy}). */
public enum DeletePolicy {
  BEFORE_CREATION("before-creation"),
  BEFORE_CREATION_IF_IMMUTABLE("before-creation-if-immutable"),
  SUCCEEDED("succeeded"),
  FAILED("failed");

  private final String value;

  DeletePolicy(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}
