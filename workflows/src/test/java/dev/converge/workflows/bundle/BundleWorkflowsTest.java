package dev.converge.workflows.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BundleWorkflowsTest {
  private static final String QUEUE = "bundles";
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private final List<Object> calls = new CopyOnWriteArrayList<>();
  private volatile RuntimeException failure;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(
        BundlePublishWorkflowImpl.class, BundleCopyWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new BundleActivities() {
          @Override
          public PinnedChart resolveChart(String chart) {
            calls.add(chart);
            return new PinnedChart(chart + "@sha256:" + "c".repeat(64), "sha256:" + "c".repeat(64));
          }

          @Override
          public BundlePublished publish(BundlePublishRequest request) {
            calls.add(request);
            if (failure != null) {
              throw failure;
            }
            return new BundlePublished(
                request.repository(),
                request.tag(),
                "sha256:" + "c".repeat(64),
                1234,
                "shop",
                request.tag(),
                false,
                null);
          }

          @Override
          public BundleCopied copy(BundleCopyRequest request) {
            calls.add(request);
            return new BundleCopied(
                request.from(), request.to(), "sha256:" + "c".repeat(64), false);
          }
        });
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private BundlePublishWorkflow publisher(String id) {
    return client.newWorkflowStub(
        BundlePublishWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
  }

  private static Map<String, Object> request() {
    return Map.of(
        "chart",
        "examples/shop",
        "repository",
        "oci://127.0.0.1:5001/bundles/shop",
        "tag",
        "1.0.0");
  }

  @Test
  void publishRunsOneActivityUnderTheTagsWorkflowId() {
    BundlePublished published =
        publisher("bundle/127.0.0.1:5001/bundles/shop:1.0.0").publish(request());
    assertEquals("1.0.0", published.tag());
    assertEquals(1, calls.size());
  }

  @Test
  void aWrongWorkflowIdOrBadInputFailsAtOnceNamingTheFix() {
    WorkflowFailedException wrongId =
        assertThrows(
            WorkflowFailedException.class, () -> publisher("publish-shop").publish(request()));
    assertTrue(
        ((ApplicationFailure) wrongId.getCause())
            .getOriginalMessage()
            .contains("bundle/127.0.0.1:5001/bundles/shop:1.0.0"));
    WorkflowFailedException bad =
        assertThrows(
            WorkflowFailedException.class,
            () -> publisher("bundle/x").publish(Map.of("chart", "examples/shop", "tag", "1.0.0")));
    assertEquals("InvalidRequest", ((ApplicationFailure) bad.getCause()).getType());
    assertTrue(calls.isEmpty(), "nothing ran");
  }

  @Test
  void aRefusedTagEndsTheRunWithTheActivitysMessageAndType() {
    failure =
        ApplicationFailure.newNonRetryableFailure(
            "tag oci://r/bundles/shop:1.0.0 exists with other content", "TagExists");
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> publisher("bundle/127.0.0.1:5001/bundles/shop:1.0.0").publish(request()));
    ApplicationFailure cause = (ApplicationFailure) e.getCause();
    assertEquals("TagExists", cause.getType());
    assertTrue(cause.getOriginalMessage().contains("exists with other content"));
    assertEquals(1, calls.size(), "a refusal is not retried");
  }

  @Test
  void copyRunsUnderTheTargetTagsId() {
    BundleCopyWorkflow copier =
        client.newWorkflowStub(
            BundleCopyWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE)
                .setWorkflowId("bundle/b.example/acceptance/shop:1.0.0")
                .build());
    BundleCopied copied =
        copier.copy(
            Map.of(
                "from",
                "oci://a.example/bundles/shop:1.0.0",
                "to",
                "oci://b.example/acceptance/shop"));
    assertEquals("oci://b.example/acceptance/shop", copied.to());
  }
}
