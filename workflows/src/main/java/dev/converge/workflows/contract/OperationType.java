package dev.converge.workflows.contract;

/** SEMANTICS §2. */
public enum OperationType {
  CREATE,
  UPDATE,
  RECREATE,
  DELETE,
  NONE
}
