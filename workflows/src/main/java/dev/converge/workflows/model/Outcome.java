package dev.converge.workflows.model;

/** Final word on a run; also the value of the {@code ConvergeOutcome} search attribute. */
public enum Outcome {
  RUNNING,
  DEPLOYED,
  FAILED,
  SKIPPED,
  CANCELED,
  /** A dismiss removed the release. */
  DISMISSED
}
