package dev.converge.activities.track;

import dev.converge.workflows.activities.TrackActivities;
import dev.converge.workflows.model.ReleaseTarget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.function.Function;

/**
 * Tracks readiness with informers (docs/semantics.md#readiness-rules). Read-only: a retry is
 * harmless and resumes from the last heartbeat's {@link TrackCheckpoint}.
 */
public final class TrackActivitiesImpl implements TrackActivities {
  private final Function<ReleaseTarget, KubernetesClient> clients;

  /**
   * @param clients a release's client (its context and run identity); the clients are owned by the
   *     caller
   */
  public TrackActivitiesImpl(Function<ReleaseTarget, KubernetesClient> clients) {
    this.clients = clients;
  }

  @Override
  public TrackReport track(TrackRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    TrackCheckpoint restored = context.getHeartbeatDetails(TrackCheckpoint.class).orElse(null);
    KubernetesClient client = clients.apply(request.target());
    try (TrackRun run = new TrackRun(client, request, restored, context::heartbeat)) {
      return run.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Activity.wrap(e);
    }
  }
}
