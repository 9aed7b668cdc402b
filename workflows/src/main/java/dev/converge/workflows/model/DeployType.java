package dev.converge.workflows.model;

/** docs/semantics.md#history-and-deploy-type: decided from release history. */
public enum DeployType {
  /** No history since the last uninstall. */
  INITIAL,
  /** History exists but nothing was ever deployed. */
  INSTALL,
  /** A deployed or superseded revision exists. */
  UPGRADE,
  /** A stored revision deployed again as a new one. */
  ROLLBACK;

  /**
   * The hook event name this deploy runs ({@code install}, {@code upgrade} or {@code rollback}).
   */
  public String event() {
    return switch (this) {
      case UPGRADE -> "upgrade";
      case ROLLBACK -> "rollback";
      default -> "install";
    };
  }
}
