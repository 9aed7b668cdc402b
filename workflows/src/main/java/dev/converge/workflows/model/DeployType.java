package dev.converge.workflows.model;

/** SEMANTICS §1.2: decided from release history. */
public enum DeployType {
  /** No history since the last uninstall. */
  INITIAL,
  /** History exists but nothing was ever deployed. */
  INSTALL,
  /** A deployed or superseded revision exists. */
  UPGRADE;

  /** The hook event name this deploy runs ({@code install} or {@code upgrade}). */
  public String event() {
    return this == UPGRADE ? "upgrade" : "install";
  }
}
