package dev.converge.workflows.model;

/** Steps of a converge, in order. One name used in logs, progress and error messages. */
public enum Phase {
  VALIDATE,
  RENDER,
  PLAN,
  PRUNE,
  PRE_HOOKS,
  APPLY,
  TRACK,
  POST_HOOKS,
  RELEASE,
  COMPENSATE,
  DONE
}
