package dev.converge.workflows.activities;

import dev.converge.workflows.model.ConvergeRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface RenderActivities {

  /**
   * Renders the chart with the real Helm engine (values merged in SEMANTICS §1.3 order, subcharts,
   * {@code crds/}), splits it into objects (expanding {@code List}, Secret stringData to data) and
   * stores the result in the bundle store.
   *
   * <p>Idempotent: the same input gives the same bundle digest. Writes nothing to a cluster, so
   * there is nothing to undo. Template and values errors fail non-retryably, naming file and line.
   */
  @ActivityMethod(name = "RenderChart")
  RenderedChart render(ConvergeRequest request);
}
