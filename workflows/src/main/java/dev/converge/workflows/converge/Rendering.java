package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.RenderActivities.RenderRequest;
import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.model.ConvergeRequest;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.OciReference;
import dev.converge.workflows.model.Phase;
import io.temporal.workflow.Workflow;

/**
 * A converge's first step: the release history read (a stale pending revision marked failed), an
 * oci:// tag pinned to its digest, then the chart rendered. What it learned stays readable when a
 * later part fails: the failure path rolls back to the history read here, the report names the
 * pinned chart.
 */
final class Rendering {
  /** Version 1: the history is read before the render, which then knows revision and upgrade. */
  static final String RENDER_AFTER_HISTORY = "render-after-history";

  /** Version 1: an oci:// chart's tag is resolved to a digest once, before the render. */
  static final String PIN_CHART_DIGEST = "pin-chart-digest";

  private final ActivityStubs acts;
  private final ConvergeRequest request;
  private final ProgressState progress;
  private ReleaseHistory history;
  private DeployType deployType;
  private String pinnedChart;

  Rendering(ActivityStubs acts, ConvergeRequest request, ProgressState progress) {
    this.acts = acts;
    this.request = request;
    this.progress = progress;
  }

  RenderedChart render() {
    if (Workflow.getVersion(RENDER_AFTER_HISTORY, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      progress.phase(Phase.RENDER, "helm template " + request.chart());
      RenderedChart chart = acts.render.render(request);
      progress.phase(Phase.PLAN, "read history, inspect cluster, build plan");
      readHistory();
      return chart;
    }
    // Helm renders an upgrade knowing the release: .Release.Revision and .Release.IsUpgrade.
    ConvergeRequest pinned = pinned();
    progress.phase(Phase.RENDER, "read history, render " + pinned.chart());
    readHistory();
    RenderedChart chart =
        acts.render.renderRelease(
            new RenderRequest(pinned, history.nextRevision(), deployType == DeployType.UPGRADE));
    progress.phase(Phase.PLAN, "inspect cluster, build plan");
    return chart;
  }

  /** The history as read at the start; null until read. */
  ReleaseHistory history() {
    return history;
  }

  /** Null until the history is read. */
  DeployType deployType() {
    return deployType;
  }

  /** The chart as rendered: an oci:// reference pinned to its digest. */
  String chart() {
    return pinnedChart == null ? request.chart() : pinnedChart;
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
    pinnedChart = acts.bundle.resolveChart(request.chart()).chart();
    return request.withChart(pinnedChart);
  }

  private void readHistory() {
    history =
        StalePending.release(
            acts.release, request.target(), acts.release.history(request.target()));
    deployType = DeployTypes.of(history.revisions());
  }
}
