package dev.converge.workflows.model;

import java.util.List;

/**
 * The report of a converge (docs/contracts.md#report). Returned on success; carried in the failure
 * details when the workflow fails.
 *
 * @param completed operations that finished, e.g. {@code create Deployment/shop/web}
 * @param failed operations that failed, with the reason
 * @param canceled operations planned but never run
 * @param compensated objects deleted by the failure path
 * @param chart the chart as rendered: an {@code oci://} chart with the digest its tag was pinned to
 * @param rollback what autoRollback did after the failure (rolled back, or why not); null if not
 *     asked
 * @param reason why a SKIPPED converge wrote nothing; null otherwise
 * @param operations the operation graph with each operation's end (docs/contracts.md#operation-
 *     graph); {@code completed}, {@code failed} and {@code canceled} say the same in words and are
 *     deprecated
 */
public record ConvergeResult(
    String release,
    String namespace,
    String kubeContext,
    int revision,
    Outcome outcome,
    DeployType deployType,
    Phase failedPhase,
    String error,
    List<String> completed,
    List<String> failed,
    List<String> canceled,
    List<String> compensated,
    List<ResourceStatus> resources,
    long durationMillis,
    String chart,
    String rollback,
    String reason,
    List<Operation> operations) {

  public ConvergeResult(
      String release,
      String namespace,
      String kubeContext,
      int revision,
      Outcome outcome,
      DeployType deployType,
      Phase failedPhase,
      String error,
      List<String> completed,
      List<String> failed,
      List<String> canceled,
      List<String> compensated,
      List<ResourceStatus> resources,
      long durationMillis,
      String chart) {
    this(
        release,
        namespace,
        kubeContext,
        revision,
        outcome,
        deployType,
        failedPhase,
        error,
        completed,
        failed,
        canceled,
        compensated,
        resources,
        durationMillis,
        chart,
        null,
        null,
        List.of());
  }

  public ConvergeResult {
    completed = Copies.list(completed);
    failed = Copies.list(failed);
    canceled = Copies.list(canceled);
    compensated = Copies.list(compensated);
    resources = Copies.list(resources);
    operations = Copies.list(operations);
  }
}
