package dev.converge.workflows.plan;

/** docs/semantics.md#stages-and-execution: stages run in this fixed order. */
public enum Stage {
  /** Resources of the previous revision that the chart no longer has. */
  PRUNE,
  /** CRDs and Namespaces: everything else may need them. */
  INIT,
  PRE_HOOKS,
  MAIN,
  POST_HOOKS
}
