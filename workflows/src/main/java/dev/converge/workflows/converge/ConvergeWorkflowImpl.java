package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.RenderActivities.RenderRequest;
import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.model.ApprovalDecision;
import dev.converge.workflows.model.ConvergeRequest;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.InvalidRequestException;
import dev.converge.workflows.model.OciReference;
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
import java.time.Duration;
import java.util.List;
import java.util.Objects;

public class ConvergeWorkflowImpl implements ConvergeWorkflow {
  static final int HISTORY_LIMIT = 10;

  /** Version 1: the history is read before the render, which then knows revision and upgrade. */
  static final String RENDER_AFTER_HISTORY = "render-after-history";

  /** Version 1: a cancel waits for a running apply to stop before compensation starts. */
  static final String WAIT_FOR_APPLY_CANCELLATION = "wait-for-apply-cancellation";

  /** Version 1: an oci:// chart's tag is resolved to a digest once, before the render. */
  static final String PIN_CHART_DIGEST = "pin-chart-digest";

  /** Version 1: test hooks are left out when deciding that a converge changes nothing. */
  static final String SKIP_TEST_HOOKS_ASIDE = "skip-test-hooks-aside";

  /** Version 1: autoRollback deploys the last deployed revision again after a failed converge. */
  static final String AUTO_ROLLBACK = "auto-rollback";

  /** Version 1: a converge with approval.required waits after planning for an approve Update. */
  static final String APPROVAL = "approval";

  /** Version 1: release reads and writes and the namespace check run as local activities. */
  static final String LOCAL_RELEASE_STEPS = "local-release-steps";

  private ActivityStubs acts = new ActivityStubs();
  private final ProgressState progress = new ProgressState();
  private ConvergeRequest request;
  private DeployType deployType;
  private Deploy deploy;
  private Plan plan;
  private int revision;

  /** Why nothing was changed; null while the converge changes something. */
  private String skipped;

  private boolean finished;
  private boolean timedOut;
  private ConvergeResult finalReport;
  private String renderedChart;
  private ReleaseHistory startHistory;
  private String rollback;
  private final Approval approval = new Approval(progress);
  private CancellationScope main;

  /** The converge's own operation graph, kept apart from an autoRollback's. */
  private List<Operation> operations = List.of();

  @Override
  public ConvergeResult converge(Object raw) {
    long startedAt = Workflow.currentTimeMillis();
    request = validated(raw);
    SearchAttributes.started(request.target());
    // With approval, the converge's own timeout starts once the plan is approved.
    boolean approval =
        request.approvalRequired()
            && Workflow.getVersion(APPROVAL, Workflow.DEFAULT_VERSION, 1) == 1;
    main =
        Workflow.newCancellationScope(() -> deploy(startedAt + request.timeoutSeconds() * 1000L));
    if (!approval) {
      startTimeout();
    }
    try {
      main.run();
      finished = true;
    } catch (RuntimeException e) {
      finished = true;
      throw failed(e, startedAt);
    }
    Outcome outcome = skipped != null ? Outcome.SKIPPED : Outcome.DEPLOYED;
    operations = progress.operations().list();
    SearchAttributes.outcome(outcome);
    progress.phase(Phase.DONE, outcome.name());
    finalReport = report(outcome, startedAt, null, null, List.of());
    return finalReport;
  }

  private void startTimeout() {
    Workflow.newTimer(Duration.ofSeconds(request.timeoutSeconds()))
        .thenApply(
            fired -> {
              if (!finished) {
                timedOut = true;
                main.cancel("converge timed out after " + request.timeoutSeconds() + "s");
              }
              return fired;
            });
  }

  /**
   * render -> plan -> pending revision -> prune, CRDs, pre hooks, apply+track, post hooks ->
   * deployed.
   */
  private void deploy(long deadlineMillis) {
    if (Workflow.getVersion(WAIT_FOR_APPLY_CANCELLATION, Workflow.DEFAULT_VERSION, 1) == 1) {
      acts = acts.waitingForCancellationOfWrites();
    }
    if (Workflow.getVersion(LOCAL_RELEASE_STEPS, Workflow.DEFAULT_VERSION, 1) == 1) {
      acts = acts.withLocalReleaseSteps();
    }
    RenderedChart chart;
    ReleaseHistory history;
    if (Workflow.getVersion(RENDER_AFTER_HISTORY, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      progress.phase(Phase.RENDER, "helm template " + request.chart());
      chart = acts.render.render(request);
      progress.phase(Phase.PLAN, "read history, inspect cluster, build plan");
      history = readHistory();
    } else {
      // Helm renders an upgrade knowing the release: .Release.Revision and .Release.IsUpgrade.
      ConvergeRequest pinned = pinned();
      progress.phase(Phase.RENDER, "read history, render " + pinned.chart());
      history = readHistory();
      chart =
          acts.render.renderRelease(
              new RenderRequest(pinned, history.nextRevision(), deployType == DeployType.UPGRADE));
      progress.phase(Phase.PLAN, "inspect cluster, build plan");
    }
    plan = plan(chart, history);
    skipped = Unchanged.why(history, chart, plan, testHooksAside());
    if (skipped != null) {
      revision = history.last().version();
      return;
    }
    if (request.approvalRequired()
        && Workflow.getVersion(APPROVAL, Workflow.DEFAULT_VERSION, 1) == 1) {
      plan = approved(chart, history);
      startTimeout();
      deadlineMillis = Workflow.currentTimeMillis() + request.timeoutSeconds() * 1000L;
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

  private Plan approved(RenderedChart chart, ReleaseHistory history) {
    String chartRef = renderedChart == null ? request.chart() : renderedChart;
    return approval.await(
        plan,
        request.approval().timeoutSeconds(),
        () -> plan(chart, history),
        p -> PlanViews.of(acts, request.target(), chart, history, deployType, p, true, chartRef));
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

  /**
   * An oci:// tag may move; its digest, read once into history, keeps every retry on the same
   * bytes.
   */
  private ConvergeRequest pinned() {
    if (!request.chart().startsWith(OciReference.SCHEME)
        || Workflow.getVersion(PIN_CHART_DIGEST, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      return request;
    }
    progress.phase(Phase.RENDER, "resolve " + request.chart());
    renderedChart = acts.bundle.resolveChart(request.chart()).chart();
    return request.withChart(renderedChart);
  }

  private ReleaseHistory readHistory() {
    ReleaseHistory history = acts.release.history(request.target());
    history = StalePending.release(acts.release, request.target(), history);
    startHistory = history;
    deployType = DeployTypes.of(history.revisions());
    return history;
  }

  private Plan plan(RenderedChart chart, ReleaseHistory history) {
    return Planning.plan(acts, request.target(), request.chart(), chart, history, deployType);
  }

  private RuntimeException failed(RuntimeException error, long startedAt) {
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
        && Workflow.getVersion(AUTO_ROLLBACK, Workflow.DEFAULT_VERSION, 1) == 1) {
      rollback = autoRollback();
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

  /**
   * After a failed converge and its compensation: the last deployed revision deployed again as a
   * new revision, in a scope of its own (the converge's may be canceled by its timeout).
   */
  private String autoRollback() {
    int to = startHistory == null ? 0 : RollbackRun.lastDeployed(startHistory);
    if (to == 0) {
      return "no rollback: the release has no deployed revision";
    }
    String[] outcome = new String[1];
    Workflow.newDetachedCancellationScope(
            () -> {
              RollbackRun run = new RollbackRun(acts, request.target(), progress);
              try {
                ReleaseHistory now = acts.release.history(request.target());
                run.run(now, to, Workflow.currentTimeMillis() + request.timeoutSeconds() * 1000L);
                outcome[0] =
                    "rolled back to revision " + to + " as revision " + run.deploy.revision;
              } catch (RuntimeException e) {
                String message = Failures.message(e);
                FailurePath.Result cleanup =
                    FailurePath.run(
                        acts,
                        request.target(),
                        run.deploy.execution,
                        run.deploy.revision,
                        "Rollback failed: " + message,
                        progress);
                outcome[0] =
                    "rollback to revision "
                        + to
                        + " failed: "
                        + message
                        + (cleanup.left().isEmpty()
                            ? ""
                            : "; compensation could not remove: "
                                + String.join("; ", cleanup.left()));
              }
            })
        .run();
    return outcome[0];
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
        deployType,
        failedPhase,
        error,
        completed,
        failedOps,
        canceled,
        compensated,
        progress.rows(),
        Workflow.currentTimeMillis() - startedAt,
        renderedChart == null ? request.chart() : renderedChart,
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
