package dev.converge.workflows.plan;

/** {@code werf.io/resource-policy} values; {@code keep} implies skip-delete. */
public enum ResourcePolicy {
  SKIP_CREATE("skip-create"),
  SKIP_UPDATE("skip-update"),
  SKIP_RECREATE("skip-recreate"),
  SKIP_DELETE("skip-delete"),
  KEEP("keep");

  private final String value;

  ResourcePolicy(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}
