package dev.converge.workflows.model;

/** Steps of a converge, in order. One name used in logs, progress and error messages. */
public enum Phase {
  VALIDATE,
  RENDER,
  PLAN,
  /** Waiting for someone to approve the plan. */
  APPROVAL,
  PRUNE,
  PRE_HOOKS,
  APPLY,
  TRACK,
  POST_HOOKS,
  RELEASE,
  COMPENSATE,
  DONE
}
