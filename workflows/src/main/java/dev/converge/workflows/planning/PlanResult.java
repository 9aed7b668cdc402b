package dev.converge.workflows.planning;

import dev.converge.workflows.model.Copies;
import dev.converge.workflows.model.DeployType;
import java.util.List;

/**
 * What a converge of this request would do now, without doing it.
 *
 * @param revision the revision a converge would write
 * @param changes false when a converge would be SKIPPED
 * @param exitCode 0 no changes, 2 changes (a failed plan ends the workflow as failed: exit 1)
 * @param operations every write, in order: stage, step, operation, resource
 * @param diffs per object: the change from its live state to the dry-run result (Secret data
 *     masked)
 * @param planDigest digest of operations and diffs: the same plan has the same digest
 */
public record PlanResult(
    String release,
    String namespace,
    String kubeContext,
    String chart,
    int revision,
    DeployType deployType,
    boolean changes,
    int exitCode,
    List<Operation> operations,
    List<Diff> diffs,
    String planDigest) {

  public PlanResult {
    operations = Copies.list(operations);
    diffs = Copies.list(diffs);
  }

  public record Operation(String stage, String step, String operation, String resource) {}

  public record Diff(String resource, String change, String diff) {}
}
