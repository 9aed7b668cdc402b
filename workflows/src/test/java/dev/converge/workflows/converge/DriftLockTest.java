package dev.converge.workflows.converge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.drift.DriftResult;
import dev.converge.workflows.drift.DriftWorkflow;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A correction waits for the release's lock and never disturbs what holds it. In real time (no time
 * skipping): the holder waits for a signal, and skipped time would only spin the retries.
 */
class DriftLockTest {
  /** Stands for a converge holding the release's id until told to end. */
  @WorkflowInterface
  public interface Holder {
    @WorkflowMethod
    String hold();

    @SignalMethod
    void release();
  }

  public static class HolderImpl implements Holder {
    private boolean released;

    @Override
    public String hold() {
      Workflow.await(() -> released);
      return "converge done";
    }

    @Override
    public void release() {
      released = true;
    }
  }

  private TestWorkflowEnvironment env;
  private final FakeActivities fake = new FakeActivities();
  private WorkflowClient client;

  @BeforeEach
  void setUp() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    for (String sa : new String[] {"Release", "Namespace", "KubeContext", "Outcome", "Drift"}) {
      env.registerSearchAttribute("Converge" + sa, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    Worker worker = env.newWorker(ConvergeWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(DriftWorkflowImpl.class, HolderImpl.class);
    worker.registerActivitiesImplementations(fake);
    env.start();
    client = env.getWorkflowClient();
    DriftWorkflowTest.deployed(fake);
    fake.drift = List.of(DriftWorkflowTest.missingConfig());
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void aCorrectionWaitsWhileAConvergeHoldsTheReleaseThenCorrects() throws Exception {
    Holder converge =
        client.newWorkflowStub(
            Holder.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(ConvergeWorkflow.TASK_QUEUE)
                .setWorkflowId(TestChart.workflowId())
                .build());
    WorkflowClient.start(converge::hold);
    DriftWorkflow drift =
        client.newWorkflowStub(
            DriftWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(ConvergeWorkflow.TASK_QUEUE)
                .setWorkflowId(DriftWorkflowTest.CHECK_ID)
                .build());
    WorkflowClient.start(drift::check, DriftWorkflowTest.request("correct"));

    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!String.valueOf(drift.progress().step()).contains("waiting for the release's lock")) {
      assertTrue(System.nanoTime() < until, "never waited: " + drift.progress());
      Thread.sleep(50);
    }
    assertTrue(fake.applied.isEmpty(), "nothing applied while the converge runs: " + fake.applied);
    converge.release();
    assertEquals(
        "converge done",
        WorkflowStub.fromTyped(converge).getResult(5, TimeUnit.SECONDS, String.class),
        "the converge ends as it would have");

    DriftResult result =
        WorkflowStub.fromTyped(drift).getResult(20, TimeUnit.SECONDS, DriftResult.class);
    assertNull(result.message());
    assertEquals(List.of(TestChart.CONFIG.display()), fake.applied);
  }
}
