package dev.converge.workflows.plan;

/** SEMANTICS §2. */
public enum OperationType {
  CREATE,
  UPDATE,
  RECREATE,
  DELETE,
  NONE
}
