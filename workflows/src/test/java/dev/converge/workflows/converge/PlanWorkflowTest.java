package dev.converge.workflows.converge;

import static dev.converge.workflows.converge.TestChart.NS;
import static dev.converge.workflows.converge.TestChart.RELEASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.ReleaseActivities.RevisionInfo;
import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.model.ResourceMeta;
import dev.converge.workflows.planning.PlanResult;
import dev.converge.workflows.planning.PlanWorkflow;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlanWorkflowTest {
  private static final String ID = "plan/default/" + NS + "/" + RELEASE;
  private static final List<String> WRITES =
      List.of("savePending", "apply", "delete", "ensureNamespace", "mark");
  private WorkflowTestSupport t;

  @BeforeEach
  void setUp() {
    t = new WorkflowTestSupport();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  private PlanWorkflow stub(String id) {
    return t.client.newWorkflowStub(
        PlanWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(ConvergeWorkflow.TASK_QUEUE)
            .setWorkflowId(id)
            .build());
  }

  private void assertNoWrites() {
    assertTrue(
        t.fake.calls.stream().noneMatch(c -> WRITES.stream().anyMatch(c::startsWith)),
        t.fake.calls.toString());
  }

  @Test
  void aNewInstallPlansEveryCreateWithItsDiffAndExitsTwoWithoutWriting() {
    PlanResult plan = stub(ID).plan(TestChart.request());

    assertTrue(plan.changes());
    assertEquals(2, plan.exitCode());
    assertEquals(1, plan.revision());
    assertEquals(6, plan.operations().size());
    assertEquals(
        new PlanResult.Operation("MAIN", "MAIN weight 10", "create", "Deployment/shop-prod/web"),
        plan.operations().get(4));
    assertEquals(6, plan.diffs().size());
    assertTrue(
        plan.diffs().stream().allMatch(d -> d.change().equals("create")), plan.diffs().toString());
    assertTrue(plan.planDigest().startsWith("sha256:"));
    assertNoWrites();
    assertEquals(
        plan.planDigest(),
        new WorkflowTestSupportPlan().digestOfSameInput(),
        "the same plan has the same digest");
  }

  @Test
  void anUnchangedReleaseExitsZeroAndListsNothing() {
    t.fake.history =
        new ReleaseHistory(
            List.of(new RevisionInfo(1, "deployed", "sha256:manifest", "sha256:values")),
            TestChart.chart().resources());
    Map<String, String> owned =
        Map.of("meta.helm.sh/release-name", RELEASE, "meta.helm.sh/release-namespace", NS);
    for (ResourceMeta meta : TestChart.chart().resources()) {
      t.fake.live.put(
          meta.key().id(), new LiveState(meta.key().id(), true, "uid", owned, false, null, null));
    }
    PlanResult plan = stub(ID).plan(TestChart.request());

    assertFalse(plan.changes());
    assertEquals(0, plan.exitCode());
    assertEquals(List.of(), plan.operations());
    assertNoWrites();
  }

  @Test
  void aBrokenChartFailsThePlanNamingWhy() {
    t.fake.failRender = "shop/templates/web.yaml:3: unclosed action";
    WorkflowFailedException e =
        assertThrows(WorkflowFailedException.class, () -> stub(ID).plan(TestChart.request()));
    assertTrue(
        String.valueOf(e.getCause().getCause()).contains("unclosed action")
            || ((ApplicationFailure) e.getCause()).getOriginalMessage().contains("unclosed action"),
        String.valueOf(e.getCause()));
    assertNoWrites();
  }

  /** A second environment planning the same input, for the digest check. */
  private static final class WorkflowTestSupportPlan {
    String digestOfSameInput() {
      try (WorkflowTestSupport other = new WorkflowTestSupport()) {
        return other
            .client
            .newWorkflowStub(
                PlanWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(ConvergeWorkflow.TASK_QUEUE)
                    .setWorkflowId(ID)
                    .build())
            .plan(TestChart.request())
            .planDigest();
      }
    }
  }
}
