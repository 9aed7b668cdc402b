package dev.converge.workflows.converge;

import static dev.converge.workflows.converge.AnnotatedChart.*;
import static dev.converge.workflows.converge.TestChart.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.converge.workflows.activities.ClusterActivities.DeleteOp;
import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.model.Outcome;
import io.temporal.client.WorkflowFailedException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** werf.io/delete-policy and werf.io/delete-propagation as the workflow executes them. */
class DeletePolicyExecutionTest {
  private WorkflowTestSupport t;
  private FakeActivities fake;

  @BeforeEach
  void setUp() {
    t = new WorkflowTestSupport();
    fake = t.fake;
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  void existingHookIsRecreatedByDefaultBeforeCreation() {
    fake.live.put(
        MIGRATE.id(), new LiveState(MIGRATE.id(), true, "uid-old", Map.of(), false, null, null));

    assertEquals(Outcome.DEPLOYED, t.stub().converge(request()).outcome());

    assertTrue(
        fake.calls.contains("apply [RECREATE Job/shop-prod/migrate]"), fake.calls.toString());
  }

  @Test
  void unchangedResourceWithBeforeCreationIsRecreated() {
    fake.chart = TestChart.chart(List.of(meta(CONFIG, "werf.io/delete-policy", "before-creation")));
    fake.live.put(CONFIG.id(), owned(CONFIG, false));

    t.stub().converge(request());

    assertTrue(
        fake.calls.contains("apply [RECREATE ConfigMap/shop-prod/config]"), fake.calls.toString());
  }

  @Test
  void succeededHookIsDeletedAtTheEndOfItsStageNotEarlier() {
    fake.chart =
        TestChart.chart(
            List.of(
                meta(
                    MIGRATE,
                    "helm.sh/hook",
                    "pre-install",
                    "werf.io/weight",
                    "-5",
                    "werf.io/delete-policy",
                    "before-creation,succeeded"),
                meta(SEED, "helm.sh/hook", "pre-install"),
                meta(WEB, 1)));

    t.stub().converge(request());

    List<String> calls = fake.calls;
    int seedTracked = indexOf(calls, "track [Job/shop-prod/seed]");
    int migrateDeleted = indexOf(calls, "delete [Job/shop-prod/migrate]");
    int mainApplied = indexOf(calls, "apply [CREATE Deployment/shop-prod/web]");
    assertTrue(indexOf(calls, "track [Job/shop-prod/migrate]") < seedTracked);
    assertTrue(seedTracked < migrateDeleted && migrateDeleted < mainApplied, calls.toString());
    assertEquals(List.of("Job/shop-prod/migrate"), fake.deleted, "only the succeeded-policy hook");
  }

  @Test
  void succeededResourceIsNotDeletedWhenItsTrackingFails() {
    fake.chart =
        TestChart.chart(
            List.of(
                meta(
                    MIGRATE,
                    "helm.sh/hook",
                    "pre-install",
                    "helm.sh/hook-delete-policy",
                    "hook-succeeded")));
    fake.failTracking.put(MIGRATE.display(), "Job failed: BackoffLimitExceeded");

    assertThrows(WorkflowFailedException.class, () -> t.stub().converge(request()));

    assertEquals(List.of(), fake.deleted);
  }

  @Test
  void failedHookIsDeletedAfterItsTrackingFailedThenRevisionMarkedFailed() {
    fake.chart =
        TestChart.chart(
            List.of(
                meta(MIGRATE, "helm.sh/hook", "pre-install", "werf.io/delete-policy", "failed"),
                meta(
                    SEED,
                    "helm.sh/hook",
                    "pre-install",
                    "werf.io/weight",
                    "5",
                    "werf.io/delete-policy",
                    "failed")));
    fake.failTracking.put(MIGRATE.display(), "Job failed: BackoffLimitExceeded");

    assertThrows(WorkflowFailedException.class, () -> t.stub().converge(request()));

    int deleted = indexOf(fake.calls, "delete [Job/shop-prod/migrate]");
    assertTrue(
        deleted < fake.calls.size() - 1
            && fake.calls.get(fake.calls.size() - 1).startsWith("markFailed 1"),
        fake.calls.toString());
    assertEquals(
        List.of("Job/shop-prod/migrate"),
        fake.deleted,
        "seed never ran, so its failed policy does not apply");
  }

  @Test
  void failedPolicyDoesNothingWhenTrackingSucceeds() {
    fake.chart =
        TestChart.chart(
            List.of(
                meta(
                    MIGRATE,
                    "helm.sh/hook",
                    "pre-install",
                    "helm.sh/hook-delete-policy",
                    "hook-failed")));

    assertEquals(Outcome.DEPLOYED, t.stub().converge(request()).outcome());

    assertEquals(List.of(), fake.deleted);
  }

  @Test
  void deletePropagationTravelsWithPruneAndCompensationDeletes() {
    fake.history =
        deployed(List.of(meta(LEGACY, "werf.io/delete-propagation", "Orphan"), meta(WEB, 1)));
    fake.live.put(LEGACY.id(), owned(LEGACY, false));
    fake.chart =
        TestChart.chart(
            List.of(
                meta(SERVICE, "werf.io/delete-propagation", "Background"),
                meta(WEB, 1, "werf.io/weight", "1")));
    fake.live.put(WEB.id(), owned(WEB, true));
    fake.failTracking.put(WEB.display(), "CrashLoopBackOff");

    assertThrows(WorkflowFailedException.class, () -> t.stub().converge(request()));

    assertEquals(
        List.of(
            new DeleteOp(LEGACY, null, "Orphan"),
            new DeleteOp(SERVICE, "uid-web-Service", "Background")),
        fake.deleteOps,
        "prune with Orphan; compensation of the created Service with Background; the updated Deployment untouched");
  }
}
