package dev.converge.workflows.converge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.model.ApprovalDecision;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.Outcome;
import dev.converge.workflows.model.Phase;
import dev.converge.workflows.planning.PlanResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApprovalTest {
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

  private ConvergeWorkflow start(int approvalSeconds) {
    Map<String, Object> request = TestChart.request();
    request.put("approval", Map.of("required", true, "timeoutSeconds", approvalSeconds));
    ConvergeWorkflow stub = t.stub();
    WorkflowClient.start(stub::converge, request);
    return stub;
  }

  private PlanResult waitingPlan(ConvergeWorkflow stub) {
    for (int i = 0; i < 200; i++) {
      PlanResult plan = stub.plan();
      if (plan != null) {
        return plan;
      }
      t.env.sleep(Duration.ofMillis(50));
    }
    throw new AssertionError("no plan waiting for approval: " + t.fake.calls);
  }

  private void assertNothingWritten() {
    assertTrue(
        t.fake.calls.stream().noneMatch(c -> WRITES.stream().anyMatch(c::startsWith)),
        t.fake.calls.toString());
  }

  @Test
  void theConvergeWaitsForApprovalOfItsExactPlanThenApplies() {
    ConvergeWorkflow stub = start(3600);
    PlanResult plan = waitingPlan(stub);
    assertNothingWritten();
    assertEquals(Phase.APPROVAL, stub.progress().phase());

    WorkflowUpdateException wrong =
        assertThrows(
            WorkflowUpdateException.class,
            () -> stub.approve(new ApprovalDecision("sha256:other", true, "mallory", null)));
    assertTrue(
        String.valueOf(wrong.getCause().getMessage()).contains("not the plan waiting for approval"),
        wrong.getCause().getMessage());

    assertEquals(
        "approved plan " + plan.planDigest(),
        stub.approve(new ApprovalDecision(plan.planDigest(), true, "alice", "looks right")));
    ConvergeResult result = WorkflowStub.fromTyped(stub).getResult(ConvergeResult.class);
    assertEquals(Outcome.DEPLOYED, result.outcome());
    assertTrue(t.fake.calls.contains("markDeployed 1"));
  }

  @Test
  void aRejectionEndsTheConvergeCanceledWithNothingWritten() {
    ConvergeWorkflow stub = start(3600);
    PlanResult plan = waitingPlan(stub);
    stub.approve(new ApprovalDecision(plan.planDigest(), false, "bob", "not on a Friday"));
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(stub).getResult(ConvergeResult.class));
    assertTrue(e.getCause() instanceof CanceledFailure, String.valueOf(e.getCause()));
    assertEquals(Outcome.CANCELED, stub.report().outcome());
    assertTrue(
        stub.report().error().contains("rejected by bob: not on a Friday"), stub.report().error());
    assertNothingWritten();
  }

  @Test
  void noDecisionInTimeIsCanceledWithNothingWritten() {
    ConvergeWorkflow stub = start(600);
    waitingPlan(stub);
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(stub).getResult(ConvergeResult.class));
    assertTrue(e.getCause() instanceof CanceledFailure, String.valueOf(e.getCause()));
    assertTrue(stub.report().error().contains("no decision"), stub.report().error());
    assertNothingWritten();
  }

  @Test
  void aPlanThatChangedAfterApprovalIsAskedForAgain() {
    ConvergeWorkflow stub = start(3600);
    PlanResult first = waitingPlan(stub);
    // Someone creates the Service by hand meanwhile: the plan to apply is no longer the approved
    // one.
    t.fake.live.put(
        TestChart.SERVICE.id(),
        new LiveState(
            TestChart.SERVICE.id(),
            true,
            "uid-svc",
            Map.of(
                "meta.helm.sh/release-name",
                TestChart.RELEASE,
                "meta.helm.sh/release-namespace",
                TestChart.NS),
            true,
            null,
            null));
    stub.approve(new ApprovalDecision(first.planDigest(), true, "alice", null));
    PlanResult second = null;
    for (int i = 0;
        i < 200 && (second == null || second.planDigest().equals(first.planDigest()));
        i++) {
      t.env.sleep(Duration.ofMillis(50));
      second = stub.plan();
    }
    assertNotNull(second);
    assertNotEquals(first.planDigest(), second.planDigest());
    assertNothingWritten();
    stub.approve(new ApprovalDecision(second.planDigest(), true, "alice", null));
    assertEquals(
        Outcome.DEPLOYED, WorkflowStub.fromTyped(stub).getResult(ConvergeResult.class).outcome());
  }
}
