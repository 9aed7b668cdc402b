package dev.converge.workflows.contract;

/** docs/semantics.md#operation-per-resource. */
public enum OperationType {
  CREATE,
  UPDATE,
  RECREATE,
  DELETE,
  NONE
}
