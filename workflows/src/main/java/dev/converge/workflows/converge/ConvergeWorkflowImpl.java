package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.model.ApprovalDecision;
import dev.converge.workflows.model.ConvergeRequest;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.InvalidRequestException;
import dev.converge.workflows.model.Operation;
import dev.converge.workflows.model.Outcome;
import dev.converge.workflows.model.Phase;
import dev.converge.workflows.model.Progress;
import dev.converge.workflows.model.RequestParser;
import dev.converge.workflows.plan.Plan;
import dev.converge.workflows.planning.PlanResult;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Objects;

public class ConvergeWorkflowImpl implements ConvergeWorkflow {
  static final int HISTORY_LIMIT = 10;

  /** Version 1: a cancel waits for a running apply to stop before compensation starts. */
  static final String WAIT_FOR_APPLY_CANCELLATION = "wait-for-apply-cancellation";

  /** Version 1: test hooks are left out when deciding that a converge changes nothing. */
  static final String SKIP_TEST_HOOKS_ASIDE = "skip-test-hooks-aside";

  /** Version 1: a converge with approval.required waits after planning for an approve Update. */
  static final String APPROVAL = "approval";

  /** Version 1: release reads and writes and the namespace check run as local activities. */
  static final String LOCAL_RELEASE_STEPS = "local-release-steps";

  private ActivityStubs acts = new ActivityStubs();
  private final ProgressState progress = new ProgressState();
  private final Approval approval = new Approval(progress);
  private ConvergeRequest request;
  private Deadline deadline;
  private Rendering rendering;
  private Deploy deploy;
  private Plan plan;
  private int revision;

  /** Why nothing was changed; null while the converge changes something. */
  private String skipped;

  private String rollback;
  private ConvergeResult finalReport;

  /** The converge's own operation graph, kept apart from an autoRollback's. */
  private List<Operation> operations = List.of();

  @Override
  public ConvergeResult converge(Object raw) {
    long startedAt = Workflow.currentTimeMillis();
    request = validated(raw);
    SearchAttributes.started(request.target());
    deadline = new Deadline(request.timeoutSeconds());
    // With approval, the converge's own timeout starts once the plan is approved.
    boolean approval = approvalRequired();
    CancellationScope main =
        Workflow.newCancellationScope(() -> deploy(startedAt + request.timeoutSeconds() * 1000L));
    deadline.guard(main);
    if (!approval) {
      deadline.start();
    }
    try {
      main.run();
      deadline.end();
    } catch (RuntimeException e) {
      deadline.end();
      throw failed(e, startedAt);
    }
    Outcome outcome = skipped != null ? Outcome.SKIPPED : Outcome.DEPLOYED;
    operations = progress.operations().list();
    SearchAttributes.outcome(outcome);
    progress.phase(Phase.DONE, outcome.name());
    finalReport = report(outcome, startedAt, null, null, List.of());
    return finalReport;
  }

  /**
   * history + render -> plan -> (approval) -> pending revision -> prune, CRDs, pre hooks,
   * apply+track, post hooks -> deployed.
   */
  private void deploy(long deadlineMillis) {
    if (Workflow.getVersion(WAIT_FOR_APPLY_CANCELLATION, Workflow.DEFAULT_VERSION, 1) == 1) {
      acts = acts.waitingForCancellationOfWrites();
    }
    if (Workflow.getVersion(LOCAL_RELEASE_STEPS, Workflow.DEFAULT_VERSION, 1) == 1) {
      acts = acts.withLocalReleaseSteps();
    }
    rendering = new Rendering(acts, request, progress);
    RenderedChart chart = rendering.render();
    ReleaseHistory history = rendering.history();
    DeployType deployType = rendering.deployType();
    plan = plan(chart, history);
    skipped = Unchanged.why(history, chart, plan, testHooksAside());
    if (skipped != null) {
      revision = history.last().version();
      return;
    }
    if (approvalRequired()) {
      plan = approved(chart, history);
      deadlineMillis = deadline.start();
    }
    revision = history.nextRevision();
    deploy = new Deploy(acts, request.target(), progress);
    deploy.run(
        plan,
        revision,
        deployType,
        chart.bundleDigest(),
        acts.namespaces(),
        "pending",
        deployType == DeployType.UPGRADE ? "Upgrade complete" : "Install complete",
        deadlineMillis);
  }

  private boolean approvalRequired() {
    return request.approvalRequired()
        && Workflow.getVersion(APPROVAL, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  private Plan approved(RenderedChart chart, ReleaseHistory history) {
    return approval.await(
        plan,
        request.approval().timeoutSeconds(),
        () -> plan(chart, history),
        p ->
            PlanViews.of(
                acts,
                request.target(),
                chart,
                history,
                rendering.deployType(),
                p,
                true,
                rendering.chart()));
  }

  @Override
  public PlanResult plan() {
    return approval.pending();
  }

  @Override
  public void validateApprove(ApprovalDecision decision) {
    approval.validate(decision);
  }

  @Override
  public String approve(ApprovalDecision decision) {
    return approval.decide(decision);
  }

  private Plan plan(RenderedChart chart, ReleaseHistory history) {
    return Planning.plan(
        acts, request.target(), request.chart(), chart, history, rendering.deployType());
  }

  private RuntimeException failed(RuntimeException error, long startedAt) {
    boolean timedOut = deadline.fired();
    boolean canceled = Failures.isCancel(error) && !timedOut;
    Phase failedPhase = progress.phase();
    progress.operations().stop(canceled);
    operations = progress.operations().list();
    String message =
        timedOut
            ? "converge timed out after " + request.timeoutSeconds() + "s in " + failedPhase
            : approval.end() != null ? approval.end() : Failures.message(error);
    FailurePath.Result cleanup =
        FailurePath.run(
            acts, request.target(), execution(), skipped != null ? 0 : revision, message, progress);
    List<String> compensated = cleanup.compensated();
    if (!cleanup.left().isEmpty()) {
      message = message + "; compensation could not remove: " + String.join("; ", cleanup.left());
    }
    if (request.autoRollback()
        && !canceled
        && Workflow.getVersion(AutoRollback.AUTO_ROLLBACK, Workflow.DEFAULT_VERSION, 1) == 1) {
      rollback =
          AutoRollback.run(
              acts,
              request.target(),
              progress,
              rendering == null ? null : rendering.history(),
              request.timeoutSeconds());
    }
    Outcome outcome = canceled ? Outcome.CANCELED : Outcome.FAILED;
    SearchAttributes.outcome(outcome);
    progress.phase(Phase.DONE, outcome.name());
    ConvergeResult report = report(outcome, startedAt, failedPhase, message, compensated);
    finalReport = report;
    if (canceled) {
      return new CanceledFailure(
          "converge of "
              + request.release()
              + " canceled in "
              + failedPhase
              + "; compensation done",
          report);
    }
    return ApplicationFailure.newNonRetryableFailure(
        "converge of " + request.release() + " failed in " + failedPhase + ": " + message,
        "ConvergeFailed",
        report);
  }

  private ConvergeResult report(
      Outcome outcome, long startedAt, Phase failedPhase, String error, List<String> compensated) {
    Execution execution = execution();
    List<String> completed = execution == null ? List.of() : execution.completed();
    List<String> failedOps = execution == null ? List.of() : execution.failed();
    List<String> canceled = skipped != null ? List.of() : Execution.notStarted(plan, execution);
    return new ConvergeResult(
        request.release(),
        request.namespace(),
        request.kubeContext(),
        revision,
        outcome,
        rendering == null ? null : rendering.deployType(),
        failedPhase,
        error,
        completed,
        failedOps,
        canceled,
        compensated,
        progress.rows(),
        Workflow.currentTimeMillis() - startedAt,
        rendering == null ? request.chart() : rendering.chart(),
        rollback,
        skipped,
        operations);
  }

  static boolean testHooksAside() {
    return Workflow.getVersion(SKIP_TEST_HOOKS_ASIDE, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  private static ConvergeRequest validated(Object raw) {
    ConvergeRequest request;
    try {
      request = RequestParser.parse(raw);
    } catch (InvalidRequestException e) {
      SearchAttributes.outcome(Outcome.FAILED);
      throw ApplicationFailure.newNonRetryableFailure(
          e.getMessage(), "InvalidRequest", e.problems());
    }
    String actual = Workflow.getInfo().getWorkflowId();
    if (!Objects.equals(actual, request.workflowId())) {
      SearchAttributes.outcome(Outcome.FAILED);
      throw ApplicationFailure.newNonRetryableFailure(
          "workflow id '"
              + actual
              + "' does not match the release; start it with id '"
              + request.workflowId()
              + "' (converge/<kubeContext or default>/<namespace>/<release>), so that only one converge per release runs",
          "InvalidRequest");
    }
    return request;
  }

  private Execution execution() {
    return deploy == null ? null : deploy.execution;
  }

  @Override
  public ConvergeResult report() {
    return finalReport;
  }

  @Override
  public Progress progress() {
    return progress.snapshot();
  }
}
