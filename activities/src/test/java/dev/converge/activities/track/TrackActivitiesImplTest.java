package dev.converge.activities.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.activities.track.rules.PodFailure;
import dev.converge.workflows.activities.TrackActivities;
import dev.converge.workflows.activities.TrackActivities.TrackItem;
import dev.converge.workflows.activities.TrackActivities.TrackReport;
import dev.converge.workflows.activities.TrackActivities.TrackRequest;
import dev.converge.workflows.contract.TrackSpec;
import dev.converge.workflows.contract.TrackSpec.FailMode;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceStatus;
import dev.converge.workflows.model.ResourceStatus.State;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class TrackActivitiesImplTest {
  private static final String NS = "shop";
  private static final ResourceKey WEB = new ResourceKey("apps/v1", "Deployment", NS, "web");
  private static final ResourceKey MIGRATE = new ResourceKey("batch/v1", "Job", NS, "migrate");
  private static final ResourceKey SETTINGS = new ResourceKey("v1", "ConfigMap", NS, "settings");

  KubernetesClient client;
  KubernetesMockServer server;
  private TestActivityEnvironment env;
  private TrackActivities activities;
  private final List<TrackCheckpoint> heartbeats = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new TrackActivitiesImpl(context -> client));
    env.setActivityHeartbeatListener(TrackCheckpoint.class, heartbeats::add);
    activities = TrackInTestEnvironment.stub(env);
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void deploymentBecomesReadyWhenItsStatusCatchesUp() {
    Deployment created =
        create(withoutServerFields(Fixtures.load("deployment-ready.yaml", Deployment.class)));
    later(() -> setStatus(created, Fixtures.load("deployment-ready.yaml", Deployment.class)));

    TrackReport report = track(10, item(WEB, TrackSpec.defaults()));

    ResourceStatus row = report.statuses().get(0);
    assertEquals(State.READY, row.state(), row.toString());
    assertEquals("2/2 updated, 2 available", row.info());
    assertFalse(heartbeats.isEmpty(), "heartbeats carry the table");
    assertEquals("Deployment/shop/web", heartbeats.get(0).table().get(0).resource());
  }

  @Test
  void jobWithFailedConditionFailsWithTheConditionsReason() {
    Job created = create(withoutServerFields(Fixtures.load("job-running.yaml", Job.class)));
    setStatus(created, Fixtures.load("job-failed.yaml", Job.class));

    ResourceStatus row = track(10, item(MIGRATE, TrackSpec.defaults())).statuses().get(0);

    assertEquals(State.FAILED, row.state());
    assertEquals(
        "BackoffLimitExceeded: Job has reached the specified backoff limit", row.lastError());
  }

  @Test
  void crashLoopingPodFailsItsDeploymentWithTheReason() {
    Deployment deployment = Fixtures.load("deployment-progressing.yaml", Deployment.class);
    deployment.getSpec().setReplicas(1);
    create(withoutServerFields(deployment));
    Pod pod = createCrashLoopingPod(1);
    later(() -> setStatus(pod, restarted(pod, 2)));

    ResourceStatus row = track(10, item(WEB, TrackSpec.defaults())).statuses().get(0);

    assertEquals(State.FAILED, row.state(), row.toString());
    assertEquals(2, row.errors());
    assertTrue(row.lastError().contains("container app: CrashLoopBackOff"), row.lastError());
  }

  @Test
  void failedResourceCarriesTheFailingContainersLastLogLines() {
    Deployment deployment = Fixtures.load("deployment-progressing.yaml", Deployment.class);
    deployment.getSpec().setReplicas(1);
    create(withoutServerFields(deployment));
    Pod pod = createCrashLoopingPod(2);
    TrackSpec noFailureAllowed =
        new TrackSpec(
            false,
            FailMode.FAIL_WHOLE_DEPLOY_PROCESS_IMMEDIATELY,
            0,
            240,
            Map.of(),
            null,
            Map.of(),
            false,
            Set.of(),
            Set.of(),
            false,
            null,
            Map.of(),
            null);
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/shop/pods/"
                + pod.getMetadata().getName()
                + "/log?pretty=false&container=app&tailLines=20")
        .andReturn(
            200, "connecting to db:5432\npanic: password authentication failed for user \"shop\"\n")
        .always();

    ResourceStatus row = track(10, item(WEB, noFailureAllowed)).statuses().get(0);

    assertEquals(State.FAILED, row.state(), row.toString());
    assertEquals(
        List.of("connecting to db:5432", "panic: password authentication failed for user \"shop\""),
        row.lastLogLines());
  }

  @Test
  void deadlineFailsWhatIsStillWaiting() {
    create(withoutServerFields(Fixtures.load("deployment-progressing.yaml", Deployment.class)));

    ResourceStatus row = track(1, item(WEB, TrackSpec.defaults())).statuses().get(0);

    assertEquals(State.FAILED, row.state());
    assertTrue(
        row.lastError().startsWith("timed out after 1s waiting for Deployment/shop/web"),
        row.lastError());
  }

  @Test
  void nonBlockingResourceIsReportedButNotWaitedFor() {
    create(withoutServerFields(Fixtures.load("deployment-progressing.yaml", Deployment.class)));
    create(
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("settings")
            .withNamespace(NS)
            .endMetadata()
            .build());
    TrackSpec nonBlocking =
        new TrackSpec(
            true,
            FailMode.FAIL_WHOLE_DEPLOY_PROCESS_IMMEDIATELY,
            null,
            240,
            Map.of(),
            null,
            Map.of(),
            false,
            Set.of(),
            Set.of(),
            false,
            null,
            Map.of(),
            null);

    long start = System.nanoTime();
    TrackReport report = track(30, item(WEB, nonBlocking), item(SETTINGS, TrackSpec.defaults()));

    assertTrue(
        Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "returned without waiting");
    assertEquals(State.WAITING, report.statuses().get(0).state());
    assertEquals(State.READY, report.statuses().get(1).state());
  }

  @Test
  void failWholeDeployStopsAtTheFirstFailureLeavingOthersWaiting() {
    create(withoutServerFields(Fixtures.load("deployment-progressing.yaml", Deployment.class)));
    Job job = create(withoutServerFields(Fixtures.load("job-running.yaml", Job.class)));
    setStatus(job, Fixtures.load("job-failed.yaml", Job.class));

    TrackReport report =
        track(30, item(WEB, TrackSpec.defaults()), item(MIGRATE, TrackSpec.defaults()));

    assertEquals(State.WAITING, report.statuses().get(0).state());
    assertEquals(State.FAILED, report.statuses().get(1).state());
  }

  @Test
  void resumedAttemptKeepsFailureCountsWithoutCountingThemAgain() {
    Deployment deployment = Fixtures.load("deployment-progressing.yaml", Deployment.class);
    deployment.getSpec().setReplicas(1);
    create(withoutServerFields(deployment));
    Pod pod = createCrashLoopingPod(1);
    String seen =
        WEB.id()
            + "#"
            + new PodFailure(pod.getMetadata().getName(), "app", "CrashLoopBackOff", null, 1).key();
    env.setHeartbeatDetails(
        new TrackCheckpoint(
            List.of(ResourceStatus.waiting("Deployment/shop/web", "")),
            List.of(seen),
            System.currentTimeMillis()));

    ResourceStatus row = track(1, item(WEB, TrackSpec.defaults())).statuses().get(0);
    assertEquals(
        1, row.errors(), "the restored observation is the pod's current state: counted once");
    assertTrue(row.lastError().startsWith("timed out"), row.lastError());

    env.setHeartbeatDetails(
        new TrackCheckpoint(
            List.of(ResourceStatus.waiting("Deployment/shop/web", "")),
            List.of(seen),
            System.currentTimeMillis()));
    setStatus(pod, restarted(pod, 2));
    ResourceStatus resumed = track(10, item(WEB, TrackSpec.defaults())).statuses().get(0);
    assertEquals(State.FAILED, resumed.state(), "restored 1 + new 1 exceeds the 1 allowed");
    assertEquals(2, resumed.errors());
  }

  private TrackReport track(int timeoutSeconds, TrackItem... items) {
    return activities.track(
        new TrackRequest(new ReleaseTarget("test", NS, "shop"), List.of(items), timeoutSeconds));
  }

  private static TrackItem item(ResourceKey key, TrackSpec spec) {
    return new TrackItem(key, spec, null);
  }

  private Pod createCrashLoopingPod(int restarts) {
    Pod pod = Fixtures.load("pod-crashloop.yaml", Pod.class);
    Pod created = create(withoutServerFields(pod));
    return setStatus(created, restarted(pod, restarts));
  }

  private static Pod restarted(Pod pod, int restarts) {
    Pod copy = Fixtures.load("pod-crashloop.yaml", Pod.class);
    copy.getMetadata().setName(pod.getMetadata().getName());
    copy.getStatus().getContainerStatuses().get(0).setRestartCount(restarts);
    return copy;
  }

  private <T extends HasMetadata> T create(T object) {
    return client.resource(object).create();
  }

  /**
   * The CRUD mock drops status on plain writes, so status goes through the status subresource.
   * observedGeneration follows the live generation, as the controller would set it.
   */
  private <T extends HasMetadata> T setStatus(T live, T withStatus) {
    GenericKubernetesResource current =
        Fixtures.convert(client.resource(live).get(), GenericKubernetesResource.class);
    Map<String, Object> status =
        Fixtures.convert(withStatus, GenericKubernetesResource.class).get("status");
    if (status.containsKey("observedGeneration")) {
      status.put("observedGeneration", current.getMetadata().getGeneration());
    }
    current.setAdditionalProperty("status", status);
    return client.resource(Fixtures.convert(current, typeOf(live))).updateStatus();
  }

  /** Fixtures come with the server's fields; a create must not carry them. */
  private static <T extends HasMetadata> T withoutServerFields(T object) {
    GenericKubernetesResource generic = Fixtures.convert(object, GenericKubernetesResource.class);
    generic.getMetadata().setResourceVersion(null);
    generic.getMetadata().setUid(null);
    generic.getMetadata().setCreationTimestamp(null);
    generic.getAdditionalProperties().remove("status");
    return Fixtures.convert(generic, typeOf(object));
  }

  @SuppressWarnings("unchecked")
  private static <T> Class<T> typeOf(T object) {
    return (Class<T>) object.getClass();
  }

  private static void later(Runnable action) {
    CompletableFuture.runAsync(
        () -> {
          try {
            Thread.sleep(700);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          action.run();
        });
  }
}
