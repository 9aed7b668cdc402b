package dev.converge.activities.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.activities.TrackActivities.TrackItem;
import dev.converge.workflows.activities.TrackActivities.TrackReport;
import dev.converge.workflows.contract.TrackSpec;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An applied object deleted while tracked: a hook Job with ttlSecondsAfterFinished 0
 * (ingress-nginx) completes and is gone at once; it must count as done, not wait for the
 * no-activity timeout.
 */
@EnableKubernetesMockClient(crud = true)
class TrackDeletedTest {
  private static final ResourceKey JOB = new ResourceKey("batch/v1", "Job", "shop", "migrate");
  KubernetesClient client;

  @Test
  void aJobThatCompletesAndIsDeletedAtOnceIsReady() {
    Job running = client.resource(fixture("job-running.yaml")).create();
    CompletableFuture<Void> ttl =
        inASecond(
            () -> {
              Job complete = fixture("job-complete.yaml");
              complete.getMetadata().setUid(running.getMetadata().getUid());
              complete.getMetadata().setResourceVersion(null);
              client.resource(complete).updateStatus();
              client.resource(complete).delete(); // right after, as the TTL controller does
            });
    Instant start = Instant.now();

    TrackReport report = track(running, 20);

    ttl.join();
    ResourceStatus row = report.statuses().get(0);
    assertEquals(ResourceStatus.State.READY, row.state(), row.toString());
    assertTrue(Duration.between(start, Instant.now()).toSeconds() < 10, "not the timeout");
  }

  @Test
  void aJobDeletedWhileRunningFailsAtOnceSayingSo() {
    Job running = client.resource(fixture("job-running.yaml")).create();
    CompletableFuture<Void> delete = inASecond(() -> client.resource(running).delete());

    TrackReport report = track(running, 20);

    delete.join();
    ResourceStatus row = report.statuses().get(0);
    assertEquals(ResourceStatus.State.FAILED, row.state(), row.toString());
    assertTrue(row.lastError().startsWith("deleted before it became ready"), row.lastError());
  }

  private TrackReport track(Job applied, int timeoutSeconds) {
    TrackItem item =
        new TrackItem(
            JOB,
            TrackSpec.defaults(),
            null,
            applied.getMetadata().getUid(),
            applied.getMetadata().getGeneration());
    return TrackInTestEnvironment.track(client, List.of(item), timeoutSeconds);
  }

  private static Job fixture(String name) {
    Job job = Fixtures.load(name, Job.class);
    job.getMetadata().setUid(null);
    job.getMetadata().setResourceVersion(null);
    job.getMetadata().setCreationTimestamp(null);
    return job;
  }

  /** While the tracking runs: what the TTL controller or a user does to the Job. */
  private static CompletableFuture<Void> inASecond(Runnable change) {
    return CompletableFuture.runAsync(
        change, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
  }
}
