package dev.converge.workflows.converge;

import static dev.converge.workflows.converge.TestChart.NS;
import static dev.converge.workflows.converge.TestChart.RELEASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.ReleaseActivities.RevisionInfo;
import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.drift.DriftResult;
import dev.converge.workflows.drift.DriftState;
import dev.converge.workflows.drift.DriftWorkflow;
import dev.converge.workflows.drift.FieldDrift;
import dev.converge.workflows.drift.IgnoreRule;
import dev.converge.workflows.drift.ObjectDrift;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceMeta;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DriftWorkflowTest {
  static final ResourceKey CONFIG = TestChart.CONFIG;
  static final ResourceKey WEB = TestChart.WEB;
  static final ResourceKey SKIPPED = new ResourceKey("v1", "ConfigMap", NS, "scratch");
  static final ResourceKey MIGRATE = new ResourceKey("batch/v1", "Job", NS, "migrate");
  static final String CHECK_ID = "drift/default/" + NS + "/" + RELEASE + "-2026-12-02T10:00:00Z";

  private WorkflowTestSupport t;

  @BeforeEach
  void setUp() {
    t = new WorkflowTestSupport();
    deployed(t.fake);
  }

  static void deployed(FakeActivities fake) {
    fake.history =
        new ReleaseHistory(
            List.of(
                new RevisionInfo(1, "superseded", "sha256:m1", "sha256:v"),
                new RevisionInfo(2, "deployed", "sha256:m2", "sha256:v")),
            List.of());
    fake.storedRevision =
        TestChart.chart(
            List.of(
                new ResourceMeta(
                    CONFIG, "shop/templates/config.yaml", Map.of(), false, "sha256:c", null),
                new ResourceMeta(WEB, "shop/templates/web.yaml", Map.of(), false, "sha256:w", 2),
                new ResourceMeta(
                    SKIPPED,
                    "shop/templates/scratch.yaml",
                    Map.of("converge.dev/drift", "ignore"),
                    false,
                    "sha256:s",
                    null),
                new ResourceMeta(
                    MIGRATE,
                    "shop/templates/migrate.yaml",
                    Map.of("helm.sh/hook", "pre-upgrade"),
                    false,
                    "sha256:m",
                    null)));
  }

  static ObjectDrift missingConfig() {
    return new ObjectDrift(CONFIG.id(), CONFIG.display(), true, List.of());
  }

  static ObjectDrift changedImage() {
    return new ObjectDrift(
        WEB.id(),
        WEB.display(),
        false,
        List.of(
            new FieldDrift(
                "/spec/template/spec/containers/0/image", "\"shop:1.0\"", "\"shop:hotfix\"")));
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  private DriftWorkflow stub(String id) {
    return t.client.newWorkflowStub(
        DriftWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(ConvergeWorkflow.TASK_QUEUE)
            .setWorkflowId(id)
            .build());
  }

  static Map<String, Object> request(String mode) {
    Map<String, Object> request = new HashMap<>();
    request.put("release", RELEASE);
    request.put("namespace", NS);
    request.put("mode", mode);
    request.put(
        "ignore", List.of(Map.of("kind", "Deployment", "paths", List.of("/spec/replicas"))));
    return request;
  }

  @Test
  void anUntouchedReleaseIsInSyncOverItsObjectsNotItsHooksNorItsIgnoredOnes() {
    DriftResult result = stub(CHECK_ID).check(request("warn"));

    assertEquals(DriftState.IN_SYNC, result.state());
    assertEquals(2, result.revision());
    assertEquals(2, result.checked());
    assertEquals(
        List.of(
            "history",
            "loadRevision 2",
            "check drift [ConfigMap/shop-prod/config, Deployment/shop-prod/web]"),
        t.fake.calls);
    assertEquals(
        List.of(new IgnoreRule("Deployment", null, List.of("/spec/replicas"))),
        t.fake.driftChecks.get(0).ignore());
    assertEquals("IN_SYNC", searchAttribute(CHECK_ID));
  }

  @Test
  void warnModeReportsDriftAndWritesNothing() {
    t.fake.drift = List.of(missingConfig(), changedImage());

    DriftResult result = stub(CHECK_ID).check(request("warn"));

    assertEquals(DriftState.DRIFTED, result.state());
    assertEquals(List.of(missingConfig(), changedImage()), result.drifted());
    assertEquals(List.of(), result.corrected());
    assertTrue(
        t.fake.calls.stream().noneMatch(c -> c.startsWith("apply") || c.startsWith("mark")),
        t.fake.calls.toString());
    assertEquals("DRIFTED", searchAttribute(CHECK_ID));
  }

  @Test
  void correctModeReappliesWhatDriftedUnderTheReleasesLockWithoutANewRevision() {
    t.fake.drift = List.of(missingConfig(), changedImage());
    t.fake.live.put(
        WEB.id(),
        new LiveState(WEB.id(), true, "uid-web", DeployedHistory.owned(), true, null, null));

    DriftResult result = stub(CHECK_ID).check(request("correct"));

    assertEquals(DriftState.DRIFTED, result.state());
    assertNull(result.message());
    assertEquals(2, result.corrected().size(), result.corrected().toString());
    assertTrue(t.fake.applied.contains(CONFIG.display()), t.fake.applied.toString());
    assertTrue(t.fake.applied.contains(WEB.display()), t.fake.applied.toString());
    assertTrue(
        t.fake.calls.stream().noneMatch(c -> c.startsWith("savePending") || c.startsWith("mark")),
        "no Helm revision: " + t.fake.calls);
    // The check ran outside the lock, the correction (compared again) under the converge id.
    assertEquals(2, t.fake.driftChecks.size());
    assertEquals(
        "DRIFTED", searchAttribute(TestChart.workflowId()), "the correction is a run of its own");
  }

  @Test
  void aReleaseBeingDeployedIsNotComparedNorCorrected() {
    t.fake.history =
        new ReleaseHistory(
            List.of(
                new RevisionInfo(2, "deployed", "sha256:m2", "sha256:v"),
                new RevisionInfo(3, "pending-upgrade", "sha256:m3", "sha256:v")),
            List.of());

    DriftResult result = stub(CHECK_ID).check(request("correct"));

    assertEquals(DriftState.UNKNOWN, result.state());
    assertTrue(result.message().contains("pending-upgrade"), result.message());
    // Once outside the lock, once under it (a correction compares again after the deploy).
    assertEquals(List.of("history", "history"), t.fake.calls);
  }

  @Test
  void anIdOutsideTheReleasesDriftIdsIsRefusedBeforeAnyRead() {
    WorkflowFailedException e =
        assertThrows(WorkflowFailedException.class, () -> stub("drift-x").check(request("warn")));
    ApplicationFailure cause = (ApplicationFailure) e.getCause();
    assertEquals("InvalidRequest", cause.getType());
    assertTrue(cause.getOriginalMessage().contains("drift/default/shop-prod/shop"));
    assertEquals(List.of(), t.fake.calls);
  }

  @Test
  void aBadIgnoreRuleIsNamedByItsPlace() {
    Map<String, Object> request = request("sometimes");
    request.put("ignore", List.of(Map.of("kind", "Deployment", "paths", List.of("spec.replicas"))));
    WorkflowFailedException e =
        assertThrows(WorkflowFailedException.class, () -> stub(CHECK_ID).check(request));
    String message = ((ApplicationFailure) e.getCause()).getOriginalMessage();
    assertTrue(message.contains("mode"), message);
    assertTrue(message.contains("ignore[0].paths[0]"), message);
  }

  private String searchAttribute(String workflowId) {
    WorkflowStub stub = t.client.newUntypedWorkflowStub(workflowId);
    return stub.describe().getTypedSearchAttributes().get(SearchAttributes.DRIFT);
  }
}
