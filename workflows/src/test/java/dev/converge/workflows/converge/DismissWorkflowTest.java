package dev.converge.workflows.converge;

import static dev.converge.workflows.converge.TestChart.NS;
import static dev.converge.workflows.converge.TestChart.RELEASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.ReleaseActivities.RevisionInfo;
import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.dismiss.DismissResult;
import dev.converge.workflows.dismiss.DismissWorkflow;
import dev.converge.workflows.model.Outcome;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceMeta;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DismissWorkflowTest {
  private static final ResourceKey CONFIG = new ResourceKey("v1", "ConfigMap", NS, "config");
  private static final ResourceKey DATA =
      new ResourceKey("v1", "PersistentVolumeClaim", NS, "data");
  private static final ResourceKey WEB = new ResourceKey("apps/v1", "Deployment", NS, "web");
  private static final ResourceKey BACKUP = new ResourceKey("batch/v1", "Job", NS, "backup");
  private static final ResourceKey GOODBYE = new ResourceKey("batch/v1", "Job", NS, "goodbye");
  private static final ResourceKey MIGRATE = new ResourceKey("batch/v1", "Job", NS, "migrate");
  private WorkflowTestSupport t;

  @BeforeEach
  void setUp() {
    t = new WorkflowTestSupport();
    t.fake.history =
        new ReleaseHistory(
            List.of(
                new RevisionInfo(1, "superseded", "sha256:m1", "sha256:v"),
                new RevisionInfo(2, "deployed", "sha256:m2", "sha256:v")),
            List.of());
    t.fake.storedRevision =
        TestChart.chart(
            List.of(
                new ResourceMeta(
                    CONFIG, "shop/templates/config.yaml", Map.of(), false, "sha256:c", null),
                new ResourceMeta(
                    DATA,
                    "shop/templates/pvc.yaml",
                    Map.of("helm.sh/resource-policy", "keep"),
                    false,
                    "sha256:d",
                    null),
                new ResourceMeta(WEB, "shop/templates/web.yaml", Map.of(), false, "sha256:w", 2),
                new ResourceMeta(
                    MIGRATE,
                    "shop/templates/migrate.yaml",
                    Map.of("helm.sh/hook", "pre-install,pre-upgrade"),
                    false,
                    "sha256:m",
                    null),
                new ResourceMeta(
                    BACKUP,
                    "shop/templates/backup.yaml",
                    Map.of("helm.sh/hook", "pre-delete"),
                    false,
                    "sha256:b",
                    null),
                new ResourceMeta(
                    GOODBYE,
                    "shop/templates/goodbye.yaml",
                    Map.of(
                        "helm.sh/hook",
                        "post-delete",
                        "helm.sh/hook-delete-policy",
                        "hook-succeeded"),
                    false,
                    "sha256:g",
                    null)));
    Map<String, String> owned =
        Map.of("meta.helm.sh/release-name", RELEASE, "meta.helm.sh/release-namespace", NS);
    for (ResourceKey key : List.of(CONFIG, DATA, WEB, MIGRATE)) {
      t.fake.live.put(
          key.id(), new LiveState(key.id(), true, "uid-" + key.name(), owned, false, null, null));
    }
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  private DismissWorkflow stub(String id) {
    return t.client.newWorkflowStub(
        DismissWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(ConvergeWorkflow.TASK_QUEUE)
            .setWorkflowId(id)
            .build());
  }

  private static Map<String, Object> request() {
    Map<String, Object> request = new HashMap<>();
    request.put("release", RELEASE);
    request.put("namespace", NS);
    return request;
  }

  @Test
  void preDeleteHooksThenOwnedObjectsButKeptOnesThenPostDeleteHooksThenTheHistory() {
    DismissResult result = stub(TestChart.workflowId()).dismiss(request());

    assertEquals(Outcome.DISMISSED, result.outcome());
    assertEquals(2, result.revision());
    assertEquals(
        List.of(
            "history",
            "loadRevision 2",
            "markUninstalling 2",
            "inspect 6",
            "apply [CREATE Job/shop-prod/backup]",
            "track [Job/shop-prod/backup]",
            "delete [ConfigMap/shop-prod/config, Deployment/shop-prod/web]",
            "apply [CREATE Job/shop-prod/goodbye]",
            "track [Job/shop-prod/goodbye]",
            "delete [Job/shop-prod/goodbye]",
            "deleteHistory",
            "deleteDriftSchedule"),
        t.fake.calls);
    assertEquals(
        List.of("ConfigMap/shop-prod/config", "Deployment/shop-prod/web"), result.deleted());
    assertTrue(
        result.kept().contains("PersistentVolumeClaim/shop-prod/data"), result.kept().toString());
    assertTrue(
        t.fake.deleted.contains("Deployment/shop-prod/web uid=uid-web"),
        "deleted by uid: " + t.fake.deleted);
  }

  @Test
  void aReleaseThatDoesNotExistIsNotFoundAndNothingIsDeletedNotEvenItsNamespace() {
    t.fake.history = new ReleaseHistory(List.of(), List.of());
    Map<String, Object> request = request();
    request.put("deleteNamespace", true);
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class, () -> stub(TestChart.workflowId()).dismiss(request));
    ApplicationFailure failure = (ApplicationFailure) e.getCause();
    assertTrue(
        failure
            .getOriginalMessage()
            .contains("release shop has no revisions in namespace shop-prod: nothing was deleted"),
        failure.getOriginalMessage());
    assertEquals(List.of("history"), t.fake.calls);
  }

  @Test
  void anObjectThatWillNotGoFailsTheDismissNamingItAndKeepsTheHistory() {
    t.fake.deleteOutcome = "stuck: finalizer example.com/protect never cleared";
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class, () -> stub(TestChart.workflowId()).dismiss(request()));
    ApplicationFailure failure = (ApplicationFailure) e.getCause();
    assertTrue(
        failure.getOriginalMessage().contains("Deployment/shop-prod/web: stuck: finalizer"),
        failure.getOriginalMessage());
    assertEquals(Outcome.FAILED, failure.getDetails().get(DismissResult.class).outcome());
    assertTrue(
        t.fake.calls.contains(
            "markFailed 2: Uninstallation failed: could not delete: ConfigMap/shop-prod/config: stuck: "
                + "finalizer example.com/protect never cleared; Deployment/shop-prod/web: stuck: finalizer example.com/protect never cleared"),
        t.fake.calls.toString());
    assertTrue(!t.fake.calls.contains("deleteHistory"));
  }

  @Test
  void itRunsOnlyUnderTheReleasesConvergeId() {
    WorkflowFailedException e =
        assertThrows(WorkflowFailedException.class, () -> stub("dismiss-shop").dismiss(request()));
    assertTrue(
        ((ApplicationFailure) e.getCause()).getOriginalMessage().contains(TestChart.workflowId()));
    assertTrue(t.fake.calls.isEmpty());
  }
}
