package dev.converge.workflows.activities;

import dev.converge.workflows.model.ConvergeRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface RenderActivities {

  /**
   * Renders the chart as revision 1 of a new install. Kept for runs recorded before {@link
   * #renderRelease} existed, which replay this call.
   */
  @ActivityMethod(name = "RenderChart")
  RenderedChart render(ConvergeRequest request);

  /**
   * Renders the chart with the real Helm engine against the target kube context, as {@code helm
   * install/upgrade} would: the cluster's version and API versions in {@code .Capabilities}, {@code
   * lookup} reading the live cluster, {@code .Release.Revision/IsUpgrade} from {@code render}.
   * Values are merged in docs/semantics.md#values-merge-order; the result (manifests, hooks, {@code
   * crds/}, the chart as Helm stores it) goes to the bundle store.
   *
   * <p>Idempotent: writes nothing to a cluster, so there is nothing to undo. Template, values and
   * schema errors fail non-retryably, naming file and line; an unreachable cluster is retried.
   */
  @ActivityMethod(name = "RenderRelease")
  RenderedChart renderRelease(RenderRequest render);

  /**
   * @param revision the revision this render becomes ({@code .Release.Revision})
   * @param upgrade {@code .Release.IsUpgrade}; false means {@code .Release.IsInstall}
   */
  record RenderRequest(ConvergeRequest request, int revision, boolean upgrade) {}
}
