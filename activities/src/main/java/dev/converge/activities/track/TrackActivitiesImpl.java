package dev.converge.activities.track;

import dev.converge.workflows.activities.TrackActivities;
import dev.converge.workflows.model.ReleaseTarget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Tracks readiness with informers (docs/semantics.md#readiness-rules). Read-only: a retry is
 * harmless and resumes from the last heartbeat's {@link TrackCheckpoint}.
 */
public final class TrackActivitiesImpl implements TrackActivities, AutoCloseable {
  private final Function<ReleaseTarget, KubernetesClient> clients;
  private final SharedInformers informers;

  /**
   * @param clients a release's client (its context and run identity); the clients are owned by the
   *     caller
   */
  public TrackActivitiesImpl(Function<ReleaseTarget, KubernetesClient> clients) {
    this(clients, Boolean.getBoolean(UNSHARED) ? null : SharedInformers.LINGER);
  }

  /** Set (-Dconverge.track.unshared=true): every tracking opens its own watches, as before. */
  static final String UNSHARED = "converge.track.unshared";

  /**
   * @param linger how long a watch no tracking uses stays open for the next; null: no sharing
   */
  TrackActivitiesImpl(Function<ReleaseTarget, KubernetesClient> clients, Duration linger) {
    this.clients = clients;
    this.informers = linger == null ? null : new SharedInformers(linger);
  }

  @Override
  public TrackReport track(TrackRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    TrackCheckpoint restored = context.getHeartbeatDetails(TrackCheckpoint.class).orElse(null);
    KubernetesClient client = clients.apply(request.target());
    Instant scheduled = Instant.ofEpochMilli(context.getInfo().getScheduledTimestamp());
    try (TrackRun run =
        new TrackRun(client, request, restored, scheduled, context::heartbeat, informers)) {
      return run.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Activity.wrap(e);
    }
  }

  /** Informers open now for trackings, in use or kept for the next (for tests). */
  int openInformers() {
    return informers == null ? 0 : informers.open();
  }

  @Override
  public void close() {
    if (informers != null) {
      informers.close();
    }
  }
}
