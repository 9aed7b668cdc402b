package dev.converge.workflows.converge;

import static dev.converge.workflows.converge.TestChart.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.converge.workflows.activities.ReleaseActivities;
import dev.converge.workflows.activities.RenderActivities.RenderRequest;
import dev.converge.workflows.activities.TrackActivities.TrackItem;
import dev.converge.workflows.activities.TrackActivities.TrackRequest;
import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.Operation;
import dev.converge.workflows.model.Outcome;
import dev.converge.workflows.model.RequestParser;
import dev.converge.workflows.model.ResourceMeta;
import dev.converge.workflows.model.ResourceStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConvergeWorkflowTest {
  private WorkflowTestSupport t;
  private FakeActivities fake;

  @BeforeEach
  void setUp() {
    t = new WorkflowTestSupport();
    fake = t.fake;
    // The ConfigMap is already there, owned by this release, and the chart changes it.
    fake.live.put(
        CONFIG.id(),
        new LiveState(
            CONFIG.id(),
            true,
            "uid-old-config",
            Map.of("meta.helm.sh/release-name", RELEASE, "meta.helm.sh/release-namespace", NS),
            true,
            null,
            null));
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  void installRunsStagesInOrderAndMarksRevisionDeployed() {
    ConvergeResult result = t.stub().converge(request());

    assertEquals(Outcome.DEPLOYED, result.outcome());
    assertEquals(1, result.revision());
    assertEquals(DeployType.INITIAL, result.deployType());
    assertEquals(
        List.of(
            "history",
            "render",
            "inspect 6",
            "ensureNamespace shop-prod",
            "savePending 1 INITIAL",
            "apply [CREATE CustomResourceDefinition/widgets.example.com]",
            "track [CustomResourceDefinition/widgets.example.com]",
            "apply [CREATE Job/shop-prod/migrate]",
            "track [Job/shop-prod/migrate]",
            "apply [UPDATE ConfigMap/shop-prod/config, CREATE Service/shop-prod/web]",
            "track [ConfigMap/shop-prod/config, Service/shop-prod/web]",
            "apply [CREATE Deployment/shop-prod/web]",
            "track [Deployment/shop-prod/web]",
            "apply [CREATE Job/shop-prod/notify]",
            "track [Job/shop-prod/notify]",
            "markDeployed 1"),
        fake.calls);
    assertTrue(fake.deleted.isEmpty(), "a successful converge deletes nothing");
    assertTrue(result.completed().contains("create Deployment/shop-prod/web"));
    assertTrue(result.canceled().isEmpty());
    Map<String, Operation> graph = graph(result);
    assertEquals(
        Set.of(Operation.Status.COMPLETED),
        graph.values().stream().map(Operation::status).collect(Collectors.toSet()));
    assertEquals(
        List.of("main/create/apps/Deployment/shop-prod/web"),
        graph.get("main/track/apps/Deployment/shop-prod/web").dependsOn());
    assertEquals(
        List.of("main/track/apps/Deployment/shop-prod/web"),
        graph.get("post_hooks/hook/batch/Job/shop-prod/notify").dependsOn(),
        "the post hook waits for the main stage's last tracking");
    assertEquals(
        List.of("post_hooks/track/batch/Job/shop-prod/notify"),
        graph.get("release/deployed").dependsOn());
  }

  /** The report's graph by id, checked: ids unique, each dependsOn an earlier operation. */
  private static Map<String, Operation> graph(ConvergeResult report) {
    Map<String, Operation> byId = new LinkedHashMap<>();
    for (Operation op : report.operations()) {
      for (String dependency : op.dependsOn()) {
        assertTrue(byId.containsKey(dependency), op.id() + " depends on unknown " + dependency);
      }
      assertNull(byId.put(op.id(), op), "duplicate id " + op.id());
    }
    assertFalse(byId.isEmpty());
    return byId;
  }

  @Test
  void trackingIsToldTheUidAndGenerationEachApplyReturned() {
    t.stub().converge(request());

    assertFalse(fake.trackRequests.isEmpty());
    Set<String> appliedKeys =
        fake.applyOps.stream().map(op -> op.key().id()).collect(Collectors.toSet());
    for (TrackRequest request : fake.trackRequests) {
      assertTrue(request.appliedKnown(), request.toString());
      for (TrackItem item : request.items()) {
        assertTrue(appliedKeys.contains(item.key().id()), item.toString());
        assertEquals("uid-" + item.key().name() + "-" + item.key().kind(), item.appliedUid());
        assertEquals(FakeActivities.APPLIED_GENERATION, item.appliedGeneration());
      }
    }
  }

  @Test
  void firstInstallRendersAsRevisionOneInstall() {
    t.stub().converge(request());

    assertEquals(
        List.of(new RenderRequest(RequestParser.parse(request()), 1, false)), fake.renders);
  }

  @Test
  void anOciTagIsPinnedToOneDigestForEveryRenderAttemptAndTheReport() {
    Map<String, Object> request = request();
    request.put("chart", "oci://registry.example:5000/charts/shop:1.0.0");
    String pinned = "oci://registry.example:5000/charts/shop:1.0.0@sha256:" + "1".repeat(64);
    fake.renderFailuresLeft = 1; // the first render dies and the tag moves before the retry

    ConvergeResult result = t.stub().converge(request);

    assertEquals(Outcome.DEPLOYED, result.outcome());
    assertEquals(2, fake.renders.size());
    fake.renders.forEach(render -> assertEquals(pinned, render.request().chart()));
    assertEquals(pinned, result.chart());
    assertEquals(1, fake.calls.stream().filter(c -> c.startsWith("resolve ")).count());
  }

  @Test
  void aLocalChartIsNotResolvedAndTheReportNamesIt() {
    ConvergeResult result = t.stub().converge(request());

    assertEquals(request().get("chart"), result.chart());
    assertTrue(fake.calls.stream().noneMatch(c -> c.startsWith("resolve ")));
  }

  @Test
  void objectsTheApiServerRefusesInTheDryRunFailThePlanBeforeAnyWrite() {
    fake.live.put(
        WEB.id(),
        new LiveState(
            WEB.id(),
            false,
            null,
            Map.of(),
            true,
            null,
            "Deployment.apps \"web\" is invalid: spec.template.metadata.labels: Invalid value: selector does not match"));
    fake.live.put(
        TestChart.CONFIG.id(),
        new LiveState(
            TestChart.CONFIG.id(),
            false,
            null,
            Map.of(),
            true,
            null,
            "ConfigMap \"config\" is invalid: metadata.name: Invalid value"));

    ApplicationFailure failure = failureOf(() -> t.stub().converge(request()));

    assertTrue(
        failure.getOriginalMessage().contains("failed in PLAN"), failure.getOriginalMessage());
    assertTrue(
        failure.getOriginalMessage().contains("selector does not match")
            && failure.getOriginalMessage().contains("metadata.name: Invalid value"),
        "every refusal at once: " + failure.getOriginalMessage());
    assertEquals(
        List.of("history", "render", "inspect 6"),
        fake.calls,
        "no namespace, no pending revision, nothing applied");
  }

  @Test
  void renderFailureSavesNoRevisionAndWritesNothing() {
    fake.failRender = "shop/templates/web.yaml:12:3: nil pointer evaluating .Values.image.tag";

    ApplicationFailure failure = failureOf(() -> t.stub().converge(request()));

    assertEquals("ConvergeFailed", failure.getType());
    assertTrue(
        failure.getOriginalMessage().contains("failed in RENDER"), failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains("web.yaml:12:3"));
    assertEquals(
        List.of("history", "render"),
        fake.calls,
        "only the history is read; nothing after render, not even the namespace");
    ConvergeResult report = failure.getDetails().get(ConvergeResult.class);
    assertEquals(Outcome.FAILED, report.outcome());
    assertEquals(0, report.revision());
  }

  @Test
  void preHookFailureMarksRevisionFailedAndDeletesNothingNotOwned() {
    fake.failTracking.put(MIGRATE.display(), "Job failed: BackoffLimitExceeded");

    ApplicationFailure failure = failureOf(() -> t.stub().converge(request()));

    assertTrue(
        failure.getOriginalMessage().contains("failed in PRE_HOOKS"), failure.getOriginalMessage());
    // The CRD (crds/) and the hook are ownership=anyone: compensation must not delete them.
    assertEquals(List.of(), fake.deleted);
    assertTrue(fake.calls.get(fake.calls.size() - 1).startsWith("markFailed 1: "));
    assertFalse(fake.calls.contains("markDeployed 1"));
  }

  @Test
  void applyFailureDeletesWhatThisRunCreatedInReverseOrder() {
    fake.failApplyOf = WEB;

    ApplicationFailure failure = failureOf(() -> t.stub().converge(request()));

    assertTrue(
        failure.getOriginalMessage().contains("failed in APPLY"), failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains("admission webhook denied it"));
    // The Deployment was registered before its apply (no uid known), the Service after it.
    assertEquals(
        List.of("Deployment/shop-prod/web", "Service/shop-prod/web uid=uid-web-Service"),
        fake.deleted);
    assertTrue(
        fake.calls.contains(
            "markFailed 1: "
                + failure
                    .getOriginalMessage()
                    .substring(failure.getOriginalMessage().indexOf(": ") + 2)));
  }

  @Test
  void trackingFailureCompensatesCreatedAndLeavesUpdatedAlone() {
    fake.failTracking.put(WEB.display(), "CrashLoopBackOff: container web exited 1");

    ApplicationFailure failure = failureOf(() -> t.stub().converge(request()));

    assertTrue(
        failure.getOriginalMessage().contains("failed in TRACK"), failure.getOriginalMessage());
    assertEquals(
        List.of(
            "Deployment/shop-prod/web uid=uid-web-Deployment",
            "Service/shop-prod/web uid=uid-web-Service"),
        fake.deleted);
    ConvergeResult report = failure.getDetails().get(ConvergeResult.class);
    assertEquals(
        List.of("Deployment/shop-prod/web", "Service/shop-prod/web"), report.compensated());
    assertEquals(
        List.of("create Deployment/shop-prod/web: CrashLoopBackOff: container web exited 1"),
        report.failed());
    assertEquals(List.of("create Job/shop-prod/notify"), report.canceled());
    Map<String, Operation> graph = graph(report);
    assertEquals(
        Operation.Status.FAILED, graph.get("main/track/apps/Deployment/shop-prod/web").status());
    assertEquals(
        Operation.Status.COMPLETED,
        graph.get("main/create/apps/Deployment/shop-prod/web").status());
    assertEquals(
        Operation.Status.CANCELED,
        graph.get("post_hooks/hook/batch/Job/shop-prod/notify").status());
    assertEquals(Operation.Status.CANCELED, graph.get("release/deployed").status());
    assertEquals(
        ResourceStatus.State.FAILED,
        report.resources().stream()
            .filter(r -> r.resource().equals(WEB.display()))
            .findFirst()
            .orElseThrow()
            .state());
  }

  @Test
  void postHookFailureCompensatesMainResources() {
    fake.failTracking.put(NOTIFY.display(), "Job failed");

    ApplicationFailure failure = failureOf(() -> t.stub().converge(request()));

    assertTrue(
        failure.getOriginalMessage().contains("failed in POST_HOOKS"),
        failure.getOriginalMessage());
    assertEquals(
        List.of(
            "Deployment/shop-prod/web uid=uid-web-Deployment",
            "Service/shop-prod/web uid=uid-web-Service"),
        fake.deleted);
  }

  @Test
  void ignoreAndContinueFailModeLetsTheConvergeSucceed() {
    Map<String, String> annotations =
        Map.of("werf.io/weight", "10", "werf.io/fail-mode", "IgnoreAndContinueDeployProcess");
    fake.chart =
        TestChart.chart(
            fake.chart.resources().stream()
                .map(
                    r ->
                        r.key().equals(WEB)
                            ? new ResourceMeta(WEB, r.source(), annotations, false, r.digest(), 2)
                            : r)
                .toList());
    fake.failTracking.put(WEB.display(), "CrashLoopBackOff");

    ConvergeResult result = t.stub().converge(request());

    assertEquals(Outcome.DEPLOYED, result.outcome());
    assertEquals(List.of("create Deployment/shop-prod/web: CrashLoopBackOff"), result.failed());
    assertTrue(fake.deleted.isEmpty());
  }

  @Test
  void cancellationCompensatesAndEndsCanceled() throws Exception {
    fake.hangTrackingOf = WEB;
    WorkflowClient.start(t.stub()::converge, request());
    WorkflowStub untyped = t.client.newUntypedWorkflowStub(workflowId());
    waitFor(() -> fake.calls.contains("track [Deployment/shop-prod/web]"));

    untyped.cancel();

    WorkflowFailedException e =
        assertThrows(WorkflowFailedException.class, () -> untyped.getResult(ConvergeResult.class));
    assertInstanceOf(CanceledFailure.class, e.getCause());
    assertEquals(
        List.of(
            "Deployment/shop-prod/web uid=uid-web-Deployment",
            "Service/shop-prod/web uid=uid-web-Service"),
        fake.deleted);
    assertTrue(fake.calls.stream().anyMatch(c -> c.startsWith("markFailed 1: ")));
    Map<String, Operation> graph = graph(untyped.query("report", ConvergeResult.class));
    assertEquals(
        Operation.Status.CANCELED,
        graph.get("main/track/apps/Deployment/shop-prod/web").status(),
        "the tracking that was running is canceled with the run");
    assertEquals(
        Operation.Status.CANCELED,
        graph.get("post_hooks/hook/batch/Job/shop-prod/notify").status());
    assertNull(graph.get("post_hooks/hook/batch/Job/shop-prod/notify").startedAt());
  }

  @Test
  void cancelDuringApplyCompensatesOnlyAfterTheApplyStopped() throws Exception {
    fake.hangApplyOf = WEB;
    WorkflowClient.start(t.stub()::converge, request());
    WorkflowStub untyped = t.client.newUntypedWorkflowStub(workflowId());
    waitFor(() -> fake.calls.contains("apply [CREATE Deployment/shop-prod/web]"));

    untyped.cancel();

    WorkflowFailedException e =
        assertThrows(WorkflowFailedException.class, () -> untyped.getResult(ConvergeResult.class));
    assertInstanceOf(CanceledFailure.class, e.getCause());
    int stopped = fake.calls.indexOf("apply stopped after writing Deployment/shop-prod/web");
    int firstDelete =
        fake.calls.stream()
            .filter(c -> c.startsWith("delete "))
            .findFirst()
            .map(fake.calls::indexOf)
            .orElse(-1);
    assertTrue(
        stopped >= 0 && firstDelete > stopped, "compensation waited for the apply: " + fake.calls);
    assertTrue(
        fake.deleted.contains("Deployment/shop-prod/web"),
        "registered before the apply, deleted by name: " + fake.deleted);
    ConvergeResult report = untyped.query("report", ConvergeResult.class);
    assertEquals(Outcome.CANCELED, report.outcome());
    assertTrue(
        report.compensated().contains("Deployment/shop-prod/web"), report.compensated().toString());
  }

  @Test
  void compensationThatTheClusterRefusesIsReportedAndTheRunEnds() {
    fake.failTracking.put(WEB.display(), "CrashLoopBackOff");
    fake.deleteOutcome = "failed: secrets is forbidden: User cannot delete resource";

    ApplicationFailure failure = failureOf(() -> t.stub().converge(request()));

    assertTrue(
        failure
            .getOriginalMessage()
            .contains(
                "compensation could not remove: Deployment/shop-prod/web (failed: secrets is forbidden"),
        failure.getOriginalMessage());
    assertTrue(fake.calls.stream().anyMatch(c -> c.startsWith("markFailed 1: ")));
  }

  @Test
  void timeoutCompensatesAndFailsNamingTheTimeout() {
    fake.hangTrackingOf = WEB;
    Map<String, Object> request = request();
    request.put("timeoutSeconds", 3);

    ApplicationFailure failure = failureOf(() -> t.stub().converge(request));

    assertTrue(
        failure.getOriginalMessage().contains("timed out after 3s"), failure.getOriginalMessage());
    assertEquals(
        List.of(
            "Deployment/shop-prod/web uid=uid-web-Deployment",
            "Service/shop-prod/web uid=uid-web-Service"),
        fake.deleted);
  }

  @Test
  void unknownKeyFailsAtOnceNamingTheKey() {
    Map<String, Object> request = request();
    request.put("replica", 3);

    ApplicationFailure failure = failureOf(() -> t.stub().converge(request));

    assertEquals("InvalidRequest", failure.getType());
    assertTrue(
        failure.getOriginalMessage().contains("replica: unknown key"),
        failure.getOriginalMessage());
    assertTrue(fake.calls.isEmpty(), "nothing runs for a bad request");
  }

  @Test
  void wrongTypeFailsAtOnceNamingTheKey() {
    Map<String, Object> request = request();
    request.put("timeoutSeconds", "ten");
    request.put("set", "image.tag=1");

    ApplicationFailure failure = failureOf(() -> t.stub().converge(request));

    assertTrue(
        failure.getOriginalMessage().contains("timeoutSeconds: must be an integer, got string"),
        failure.getOriginalMessage());
    assertTrue(
        failure.getOriginalMessage().contains("set: must be an array of strings, got string"));
  }

  @Test
  void inputThatIsNotAJsonObjectFailsAtOnce() {
    WorkflowStub stub =
        t.client.newUntypedWorkflowStub(
            "ConvergeWorkflow",
            WorkflowOptions.newBuilder()
                .setTaskQueue("converge")
                .setWorkflowId(workflowId())
                .setWorkflowRunTimeout(Duration.ofSeconds(20))
                .build());

    stub.start("shop");

    WorkflowFailedException e =
        assertThrows(WorkflowFailedException.class, () -> stub.getResult(ConvergeResult.class));
    ApplicationFailure failure =
        assertInstanceOf(ApplicationFailure.class, e.getCause(), String.valueOf(e.getCause()));
    assertTrue(
        failure.getOriginalMessage().contains("expected a JSON object"),
        failure.getOriginalMessage());
    assertTrue(fake.calls.isEmpty());
  }

  @Test
  void startUnderAnotherIdFailsGivingTheRightId() {
    ApplicationFailure failure = failureOf(() -> t.stub("deploy-shop").converge(request()));

    assertTrue(
        failure.getOriginalMessage().contains("start it with id 'converge/default/shop-prod/shop'"),
        failure.getOriginalMessage());
  }

  @Test
  void untypedStartWithRawJsonWorksLikeTheCli() {
    WorkflowStub stub =
        t.client.newUntypedWorkflowStub(
            "ConvergeWorkflow",
            WorkflowOptions.newBuilder()
                .setTaskQueue("converge")
                .setWorkflowId(workflowId())
                .build());

    stub.start(
        Map.of(
            "release",
            RELEASE,
            "namespace",
            NS,
            "chart",
            "/charts/shop",
            "set",
            List.of("image.tag=1.2.3")));

    assertEquals(Outcome.DEPLOYED, stub.getResult(ConvergeResult.class).outcome());
  }

  @Test
  void unchangedDeployedReleaseIsSkippedWithoutNewRevision() {
    fake.history = DeployedHistory.sameAs(fake.chart);
    for (var r : fake.chart.resources()) {
      fake.live.put(
          r.key().id(),
          new LiveState(r.key().id(), true, "uid", DeployedHistory.owned(), false, null, null));
    }

    ConvergeResult result = t.stub().converge(request());

    assertEquals(Outcome.SKIPPED, result.outcome());
    assertEquals(3, result.revision());
    assertTrue(
        fake.calls.stream().noneMatch(c -> c.startsWith("savePending") || c.startsWith("apply")),
        fake.calls.toString());
  }

  /** podinfo after a helm rollback: only the randomly named test hook differs. */
  @Test
  void aTestHookNamedAnewByTheRenderDoesNotMakeAChange() {
    RecordHistories.testHookRenamed(fake);

    ConvergeResult result = t.stub().converge(request());

    assertEquals(Outcome.SKIPPED, result.outcome(), result.toString());
    assertEquals(3, result.revision());
    assertTrue(result.reason().startsWith("nothing to change: revision 3"), result.reason());
    assertTrue(
        fake.calls.stream().noneMatch(c -> c.startsWith("savePending") || c.startsWith("apply")),
        fake.calls.toString());
  }

  @Test
  void upgradeDeletesResourcesRemovedFromChartButNotKeptOnes() {
    fake.history = DeployedHistory.withRemoved();
    fake.live.put(
        DeployedHistory.LEGACY.id(),
        new LiveState(
            DeployedHistory.LEGACY.id(),
            true,
            "uid-legacy",
            DeployedHistory.owned(),
            false,
            null,
            null));
    fake.live.put(
        DeployedHistory.KEPT.id(),
        new LiveState(
            DeployedHistory.KEPT.id(),
            true,
            "uid-kept",
            DeployedHistory.owned(),
            false,
            null,
            null));

    ConvergeResult result = t.stub().converge(request());

    assertEquals(DeployType.UPGRADE, result.deployType());
    assertEquals(4, result.revision());
    assertEquals(List.of("ConfigMap/shop-prod/legacy"), fake.deleted);
    assertEquals("delete [ConfigMap/shop-prod/legacy]", fake.calls.get(5), fake.calls.toString());
    assertTrue(fake.calls.contains("savePending 4 UPGRADE"));
  }

  @Test
  void stalePendingRevisionIsMarkedFailedBeforeTheNextRevision() {
    fake.history =
        new ReleaseActivities.ReleaseHistory(
            List.of(
                new ReleaseActivities.RevisionInfo(1, "deployed", "sha256:m", "sha256:v"),
                new ReleaseActivities.RevisionInfo(2, "pending-upgrade", "sha256:m", "sha256:v")),
            List.of());

    ConvergeResult result = t.stub().converge(request());

    assertEquals(3, result.revision());
    assertEquals(DeployType.UPGRADE, result.deployType());
    assertEquals(
        "markFailed 2: " + StalePending.DESCRIPTION, fake.calls.get(1), fake.calls.toString());
    assertTrue(fake.calls.contains("savePending 3 UPGRADE"));
    assertEquals(
        List.of(new RenderRequest(RequestParser.parse(request()), 3, true)),
        fake.renders,
        "rendered as revision 3, an upgrade");
  }

  @Test
  void progressQueryShowsTheStatusTable() {
    t.stub().converge(request());

    var progress = t.client.newWorkflowStub(ConvergeWorkflow.class, workflowId()).progress();

    assertEquals(1, progress.revision());
    assertTrue(
        progress.resources().stream()
            .anyMatch(
                r ->
                    r.resource().equals(WEB.display()) && r.state() == ResourceStatus.State.READY));
    assertFalse(progress.lastLogLines().isEmpty());
  }

  private static ApplicationFailure failureOf(Runnable run) {
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, run::run);
    return assertInstanceOf(ApplicationFailure.class, e.getCause());
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
      Thread.sleep(50);
    }
    assertTrue(condition.getAsBoolean(), "condition not reached in 10 s");
  }
}
