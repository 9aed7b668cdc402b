package dev.converge.workflows.converge;

import static dev.converge.workflows.converge.AnnotatedChart.*;
import static dev.converge.workflows.converge.TestChart.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.converge.workflows.activities.ClusterActivities.ApplyOp;
import dev.converge.workflows.contract.OperationType;
import dev.converge.workflows.model.Outcome;
import io.temporal.client.WorkflowFailedException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resource policies, ownership, replicas-on-creation and dependencies as the workflow executes
 * them.
 */
class ResourcePolicyExecutionTest {
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

  private ApplyOp applied(String name) {
    return fake.applyOps.stream()
        .filter(op -> op.key().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not applied: " + fake.calls));
  }

  @Test
  void replicasOnCreationTravelsWithTheCreate() {
    fake.chart = TestChart.chart(List.of(meta(WEB, 3, "werf.io/replicas-on-creation", "1")));

    t.stub().converge(request());

    assertEquals(OperationType.CREATE, applied("web").type());
    assertEquals(
        1,
        applied("web").replicasOnCreation(),
        "the apply activity uses it only when the object is absent");
  }

  @Test
  void skipCreateLeavesAnAbsentResourceAbsent() {
    fake.chart =
        TestChart.chart(
            List.of(meta(CONFIG, "werf.io/resource-policy", "skip-create"), meta(WEB, 1)));

    assertEquals(Outcome.DEPLOYED, t.stub().converge(request()).outcome());

    assertEquals(List.of("Deployment/shop-prod/web"), fake.applied);
  }

  @Test
  void skipUpdateLeavesAChangedResourceAsItIs() {
    fake.chart =
        TestChart.chart(
            List.of(meta(CONFIG, "werf.io/resource-policy", "skip-update"), meta(WEB, 1)));
    fake.live.put(CONFIG.id(), owned(CONFIG, true));

    t.stub().converge(request());

    assertEquals(List.of("Deployment/shop-prod/web"), fake.applied);
  }

  @Test
  void ownershipAnyoneIsNeverCompensated() {
    fake.chart =
        TestChart.chart(
            List.of(
                meta(SHARED, "werf.io/ownership", "anyone"), meta(WEB, 1, "werf.io/weight", "1")));
    fake.failTracking.put(WEB.display(), "CrashLoopBackOff");

    assertThrows(WorkflowFailedException.class, () -> t.stub().converge(request()));

    assertTrue(fake.applied.contains("ConfigMap/shop-prod/shared"));
    assertEquals(List.of("Deployment/shop-prod/web uid=uid-web-Deployment"), fake.deleted);
    assertFalse(applied("shared").releaseOwned(), "anyone objects get no release annotations");
  }

  @Test
  void ownershipAnyoneIsNotPrunedWhenDroppedFromTheChart() {
    fake.history =
        deployed(List.of(meta(SHARED, "werf.io/ownership", "anyone"), meta(LEGACY), meta(WEB, 1)));
    fake.live.put(SHARED.id(), owned(SHARED, false));
    fake.live.put(LEGACY.id(), owned(LEGACY, false));
    fake.chart = TestChart.chart(List.of(meta(WEB, 1)));

    t.stub().converge(request());

    assertEquals(List.of("ConfigMap/shop-prod/legacy"), fake.deleted);
  }

  @Test
  void keepAndSkipDeleteOnlyOnTheLiveObjectStopThePrune() {
    fake.history =
        deployed(List.of(meta(SHARED), meta(DeployedHistory.KEPT), meta(LEGACY), meta(WEB, 1)));
    fake.live.put(SHARED.id(), owned(SHARED, false, "helm.sh/resource-policy", "keep"));
    fake.live.put(
        DeployedHistory.KEPT.id(),
        owned(DeployedHistory.KEPT, false, "werf.io/resource-policy", "skip-delete"));
    fake.live.put(LEGACY.id(), owned(LEGACY, false));
    fake.chart = TestChart.chart(List.of(meta(WEB, 1)));

    t.stub().converge(request());

    assertEquals(List.of("ConfigMap/shop-prod/legacy"), fake.deleted);
  }

  @Test
  void presentDependentIsAppliedBeforeItsDependencyIsTracked() {
    fake.chart =
        TestChart.chart(
            List.of(
                meta(DB, 1),
                meta(
                    WEB,
                    1,
                    "werf.io/deploy-dependency-db",
                    "state=present,kind=StatefulSet,name=db")));

    t.stub().converge(request());

    assertEquals(
        List.of(
            "apply [CREATE StatefulSet/shop-prod/db]",
            "apply [CREATE Deployment/shop-prod/web]",
            "track [StatefulSet/shop-prod/db, Deployment/shop-prod/web]"),
        fake.calls.subList(5, 8),
        fake.calls.toString());
  }

  @Test
  void readyDependentIsAppliedOnlyAfterItsDependencyIsTracked() {
    fake.chart =
        TestChart.chart(
            List.of(
                meta(DB, 1),
                meta(
                    WEB,
                    1,
                    "werf.io/deploy-dependency-db",
                    "state=ready,kind=StatefulSet,name=db")));

    t.stub().converge(request());

    assertEquals(
        List.of(
            "apply [CREATE StatefulSet/shop-prod/db]",
            "track [StatefulSet/shop-prod/db]",
            "apply [CREATE Deployment/shop-prod/web]",
            "track [Deployment/shop-prod/web]"),
        fake.calls.subList(5, 9),
        fake.calls.toString());
  }

  @Test
  void failedTrackingOfAPresentDependencyCompensatesBoth() {
    fake.chart =
        TestChart.chart(
            List.of(
                meta(DB, 1),
                meta(
                    WEB,
                    1,
                    "werf.io/deploy-dependency-db",
                    "state=present,kind=StatefulSet,name=db")));
    fake.failTracking.put(DB.display(), "CrashLoopBackOff");

    assertThrows(WorkflowFailedException.class, () -> t.stub().converge(request()));

    assertEquals(
        List.of(
            "Deployment/shop-prod/web uid=uid-web-Deployment",
            "StatefulSet/shop-prod/db uid=uid-db-StatefulSet"),
        fake.deleted);
  }
}
