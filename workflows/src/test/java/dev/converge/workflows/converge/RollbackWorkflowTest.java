package dev.converge.workflows.converge;

import static dev.converge.workflows.converge.TestChart.NS;
import static dev.converge.workflows.converge.TestChart.RELEASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.ReleaseActivities.RevisionInfo;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.Outcome;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceMeta;
import dev.converge.workflows.rollback.RollbackWorkflow;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RollbackWorkflowTest {
  private static final ResourceKey CONFIG = new ResourceKey("v1", "ConfigMap", NS, "config");
  private static final ResourceKey UPGRADE_HOOK = new ResourceKey("batch/v1", "Job", NS, "migrate");
  private static final ResourceKey ROLLBACK_HOOK =
      new ResourceKey("batch/v1", "Job", NS, "restore");
  private WorkflowTestSupport t;

  @BeforeEach
  void setUp() {
    t = new WorkflowTestSupport();
    t.fake.history =
        new ReleaseHistory(
            List.of(
                new RevisionInfo(1, "superseded", "sha256:m1", "sha256:v"),
                new RevisionInfo(2, "superseded", "sha256:m2", "sha256:v"),
                new RevisionInfo(3, "deployed", "sha256:m3", "sha256:v")),
            List.of());
    t.fake.storedRevision =
        TestChart.chart(
            List.of(
                new ResourceMeta(
                    CONFIG, "shop/templates/config.yaml", Map.of(), false, "sha256:c", null),
                new ResourceMeta(
                    UPGRADE_HOOK,
                    "shop/templates/migrate.yaml",
                    Map.of("helm.sh/hook", "pre-upgrade"),
                    false,
                    "sha256:m",
                    null),
                new ResourceMeta(
                    ROLLBACK_HOOK,
                    "shop/templates/restore.yaml",
                    Map.of("helm.sh/hook", "pre-rollback"),
                    false,
                    "sha256:r",
                    null)));
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  private RollbackWorkflow stub() {
    return t.client.newWorkflowStub(
        RollbackWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(ConvergeWorkflow.TASK_QUEUE)
            .setWorkflowId(TestChart.workflowId())
            .build());
  }

  private static Map<String, Object> request(Integer revision) {
    Map<String, Object> request = new HashMap<>(Map.of("release", RELEASE, "namespace", NS));
    if (revision != null) {
      request.put("revision", revision);
    }
    return request;
  }

  @Test
  void theRevisionBeforeTheLastIsDeployedAgainAsANewRevisionWithTheRollbackHooks() {
    ConvergeResult result = stub().rollback(request(null));

    assertEquals(Outcome.DEPLOYED, result.outcome());
    assertEquals(DeployType.ROLLBACK, result.deployType());
    assertEquals(4, result.revision());
    assertEquals("revision 2", result.chart());
    assertEquals(
        List.of(
            "history",
            "loadRevision 2",
            "inspect 3",
            "ensureNamespace shop-prod",
            "savePending 4 ROLLBACK",
            "apply [CREATE Job/shop-prod/restore]",
            "track [Job/shop-prod/restore]",
            "apply [CREATE ConfigMap/shop-prod/config]",
            "track [ConfigMap/shop-prod/config]",
            "markDeployed 4"),
        t.fake.calls);
  }

  @Test
  void aRevisionThatIsNotKeptIsRefusedNamingTheKeptOnes() {
    WorkflowFailedException e =
        assertThrows(WorkflowFailedException.class, () -> stub().rollback(request(7)));
    String message = ((ApplicationFailure) e.getCause()).getOriginalMessage();
    assertTrue(message.contains("no revision 7") && message.contains("3 deployed"), message);
    assertTrue(
        t.fake.calls.stream().noneMatch(c -> c.startsWith("savePending") || c.startsWith("apply")),
        t.fake.calls.toString());
  }

  @Test
  void aFailedConvergeWithAutoRollbackIsCompensatedThenRolledBackToTheLastDeployedRevision() {
    t.fake.failTracking.put(TestChart.WEB.display(), "CrashLoopBackOff");
    t.fake.storedRevision =
        TestChart.chart(
            List.of(
                new ResourceMeta(
                    CONFIG, "shop/templates/config.yaml", Map.of(), false, "sha256:c", null)));
    Map<String, Object> request = TestChart.request();
    request.put("autoRollback", true);
    t.fake.recordRevisions = true;

    WorkflowFailedException e =
        assertThrows(WorkflowFailedException.class, () -> t.stub().converge(request));

    ConvergeResult report =
        ((ApplicationFailure) e.getCause()).getDetails().get(ConvergeResult.class);
    assertEquals(Outcome.FAILED, report.outcome());
    assertEquals(4, report.revision());
    assertEquals("rolled back to revision 3 as revision 5", report.rollback());
    List<String> calls = t.fake.calls;
    int markFailed = calls.indexOf("markFailed 4: " + report.error());
    assertTrue(markFailed > 0, calls.toString());
    assertEquals(
        List.of(
            "history",
            "loadRevision 3",
            "inspect 6",
            "ensureNamespace shop-prod",
            "savePending 5 ROLLBACK"),
        calls.subList(markFailed + 1, markFailed + 6));
    assertEquals("markDeployed 5", calls.get(calls.size() - 1));
  }
}
