package dev.converge.workflows.model;

import java.util.List;

/**
 * One operation of a deploy's graph (docs/contracts.md#operation-graph): what nelm reports as its
 * plan, with converge's status of each.
 *
 * @param id unique in its graph, e.g. {@code main/create/apps/Deployment/shop/web}
 * @param object the object it acts on ({@code Deployment/shop/web}), or the revision for RELEASE
 * @param stage the stage it belongs to ({@code PRUNE}, {@code INIT}, {@code PRE_HOOKS}, {@code
 *     MAIN}, {@code POST_HOOKS}), or {@code RELEASE}
 * @param startedAt ISO-8601, null while PENDING
 * @param endedAt ISO-8601, null until it ended
 * @param dependsOn ids of operations of the same graph that end before this one starts
 */
public record Operation(
    String id,
    Kind kind,
    String object,
    String stage,
    Status status,
    String startedAt,
    String endedAt,
    List<String> dependsOn) {

  public Operation {
    dependsOn = Copies.list(dependsOn);
  }

  public enum Kind {
    CREATE,
    UPDATE,
    RECREATE,
    DELETE,
    TRACK,
    HOOK,
    RELEASE,
    /** Joins what ended before a step: it ends when all it depends on has. */
    STEP
  }

  public enum Status {
    PENDING,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELED
  }

  public Operation with(Status status, String startedAt, String endedAt) {
    return new Operation(id, kind, object, stage, status, startedAt, endedAt, dependsOn);
  }
}
