package dev.converge.workflows.drift;

/** A drift check's verdict, also the value of the {@code ConvergeDrift} search attribute. */
public enum DriftState {
  IN_SYNC,
  DRIFTED,
  /** The release is not there to compare (no deployed revision) or a deploy of it is running. */
  UNKNOWN
}
