package dev.converge.api.temporal;

/** Answer of a start without {@code ?wait=true}: where to follow the run. */
public record StartedRun(String workflowId, String runId) {}
