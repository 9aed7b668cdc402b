package dev.converge.workflows.drift;

/** What a drift check does with what it finds (docs/semantics.md#drift). */
public enum DriftMode {
  /** Report only: the check reads the cluster and writes nothing to it. */
  WARN,
  /** Re-apply the drifted objects of the deployed revision under the release's lock. */
  CORRECT
}
