package dev.converge.activities.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.activities.TrackActivities;
import dev.converge.workflows.activities.TrackActivities.TrackItem;
import dev.converge.workflows.activities.TrackActivities.TrackReport;
import dev.converge.workflows.activities.TrackActivities.TrackRequest;
import dev.converge.workflows.contract.TrackSpec;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceStatus;
import dev.converge.workflows.model.ResourceStatus.State;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Trackings of one client share their watches, and a shared cache's copy from before the apply is
 * not taken for the applied object.
 */
@EnableKubernetesMockClient(crud = true)
class TrackSharedWatchesTest {
  private static final ResourceKey WEB = new ResourceKey("apps/v1", "Deployment", "shop", "web");

  KubernetesClient client;
  KubernetesMockServer server;
  private TestActivityEnvironment env;
  private TrackActivitiesImpl impl;
  private TrackActivities activities;
  private final List<TrackCheckpoint> heartbeats = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
    impl = new TrackActivitiesImpl(context -> client, Duration.ofMillis(300));
    env.registerActivitiesImplementations(impl);
    env.setActivityHeartbeatListener(TrackCheckpoint.class, heartbeats::add);
    activities = TrackInTestEnvironment.stub(env);
  }

  @AfterEach
  void tearDown() {
    env.close();
    impl.close();
  }

  @Test
  void nextTrackingReusesTheWatchesAndWaitsForTheAppliedGeneration() throws Exception {
    Deployment v1 = ready(client.resource(deployment("web:1")).create());
    long generation = v1.getMetadata().getGeneration();
    drainRequests();

    TrackReport first = track(5, true, applied(v1.getMetadata().getUid(), generation));
    assertEquals(State.READY, first.statuses().get(0).state(), first.toString());
    int firstWatches = drainRequests();
    assertTrue(firstWatches > 0, "the first tracking opens its watches");

    // The next apply's answer says generation + 1 before the cache has heard of it: the cached
    // copy is the old, ready revision. It must not count as the new one.
    heartbeats.clear();
    CompletableFuture.runAsync(
        this::rollOutNextRevision, CompletableFuture.delayedExecutor(800, TimeUnit.MILLISECONDS));
    TrackReport second = track(10, true, applied(v1.getMetadata().getUid(), generation + 1));

    assertEquals(State.READY, second.statuses().get(0).state(), second.toString());
    assertTrue(
        heartbeats.stream().anyMatch(h -> h.table().get(0).state() == State.WAITING),
        "waited for the applied generation: " + heartbeats);
    assertEquals(0, drainRequests(), "no new watch: the first tracking's are still open");
  }

  @Test
  void copyOfAnotherUidIsNotTheAppliedObject() {
    Deployment v1 = ready(client.resource(deployment("web:1")).create());
    track(5, true, applied(v1.getMetadata().getUid(), v1.getMetadata().getGeneration()));

    // A recreate made a new object; the cache still holds the old one, ready.
    ResourceStatus row = track(1, true, applied("uid-of-the-new-object", 1L)).statuses().get(0);

    assertEquals(State.FAILED, row.state(), row.toString());
    assertTrue(row.lastError().startsWith("timed out"), row.lastError());
  }

  @Test
  void requestsOfOlderWorkflowsWatchAfreshAndCloseTheirWatches() {
    ready(client.resource(deployment("web:1")).create());
    drainRequests();

    track(5, false, new TrackItem(WEB, TrackSpec.defaults(), null));
    int first = drainRequests();
    assertEquals(0, impl.openInformers(), "nothing kept for a request without its apply results");
    track(5, false, new TrackItem(WEB, TrackSpec.defaults(), null));

    assertEquals(first, drainRequests(), "the second opened its own watches: " + first);
  }

  @Test
  void unusedWatchesCloseAfterTheLinger() throws Exception {
    Deployment v1 = ready(client.resource(deployment("web:1")).create());
    track(5, true, applied(v1.getMetadata().getUid(), v1.getMetadata().getGeneration()));
    assertTrue(impl.openInformers() > 0, "kept for the next tracking");

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (impl.openInformers() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(0, impl.openInformers(), "stopped 300 ms after the last tracking");
  }

  private TrackReport track(int timeoutSeconds, boolean appliedKnown, TrackItem item) {
    return activities.track(
        new TrackRequest(
            new ReleaseTarget("test", "shop", "shop"),
            List.of(item),
            timeoutSeconds,
            appliedKnown));
  }

  private static TrackItem applied(String uid, Long generation) {
    return new TrackItem(WEB, TrackSpec.defaults(), 1, uid, generation);
  }

  private void rollOutNextRevision() {
    Deployment live = client.resource(deployment("web:1")).get();
    live.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("web:2");
    ready(client.resource(live).update());
  }

  /** Watch requests the mock server received since the last call. */
  private int drainRequests() {
    int watches = 0;
    try {
      RecordedRequest request;
      while ((request = server.takeRequest(200, TimeUnit.MILLISECONDS)) != null) {
        if (request.getPath().contains("watch=true")) {
          watches++;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return watches;
  }

  /** What the Deployment controller would report once the rollout is done. */
  private Deployment ready(Deployment live) {
    live.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(live.getMetadata().getGeneration())
            .withReplicas(1)
            .withUpdatedReplicas(1)
            .withReadyReplicas(1)
            .withAvailableReplicas(1)
            .build());
    return client.resource(live).updateStatus();
  }

  private static Deployment deployment(String image) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("web")
        .withNamespace("shop")
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector()
        .addToMatchLabels("app", "web")
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", "web")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage(image)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
