package dev.converge.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.converge.workflows.converge.ConvergeWorkflow;
import dev.converge.workflows.drift.DriftMode;
import dev.converge.workflows.drift.DriftResult;
import dev.converge.workflows.drift.DriftState;
import dev.converge.workflows.drift.DriftWorkflow;
import dev.converge.workflows.drift.ObjectDrift;
import dev.converge.workflows.model.ApprovalDecision;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.Outcome;
import dev.converge.workflows.model.Progress;
import dev.converge.workflows.planning.PlanResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConvergeMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TestWorkflowEnvironment env;
  private Worker worker;
  private WorkflowClient client;

  /** Stands in for ConvergeWorkflowImpl: ends as its input says, the way the real one ends. */
  public static class ScriptedConverge implements ConvergeWorkflow {
    @Override
    public ConvergeResult converge(Object request) {
      String outcome = String.valueOf(((Map<?, ?>) request).get("outcome"));
      switch (outcome) {
        case "FAILED" ->
            throw ApplicationFailure.newNonRetryableFailure(
                "failed in MAIN", "ConvergeFailed", report(Outcome.FAILED, 2));
        case "CANCELED" -> {
          try {
            Workflow.await(() -> false);
          } catch (CanceledFailure e) {
            throw new CanceledFailure("canceled; compensation done", report(Outcome.CANCELED, 1));
          }
          return null;
        }
        default -> {
          Workflow.sleep(Duration.ofSeconds(30));
          return report(Outcome.valueOf(outcome), 0);
        }
      }
    }

    @Override
    public ConvergeResult report() {
      return null;
    }

    @Override
    public PlanResult plan() {
      return null;
    }

    @Override
    public String approve(ApprovalDecision decision) {
      return "";
    }

    @Override
    public void validateApprove(ApprovalDecision decision) {
      throw new IllegalStateException("nothing to approve");
    }

    @Override
    public Progress progress() {
      return null;
    }

    private static ConvergeResult report(Outcome outcome, int compensated) {
      return new ConvergeResult(
          "shop",
          "shop",
          "default",
          1,
          outcome,
          null,
          null,
          null,
          List.of(),
          List.of(),
          List.of(),
          Collections.nCopies(compensated, "Deployment/shop/web"),
          List.of(),
          0,
          "examples/shop");
    }
  }

  /** Stands in for DriftWorkflowImpl: reports as many drifted objects as its input says. */
  public static class ScriptedDrift implements DriftWorkflow {
    @Override
    public DriftResult check(Object request) {
      int drifted = ((Number) ((Map<?, ?>) request).get("drifted")).intValue();
      return new DriftResult(
          "shop",
          "shop-prod",
          "default",
          DriftMode.WARN,
          drifted > 0 ? DriftState.DRIFTED : DriftState.IN_SYNC,
          3,
          10,
          Collections.nCopies(
              drifted, new ObjectDrift("v1/ConfigMap/shop-prod/c", "ConfigMap/c", true, List.of())),
          List.of(),
          null,
          5);
    }

    @Override
    public Progress progress() {
      return null;
    }
  }

  @Test
  void eachDriftCheckSetsItsReleasesDriftedObjectsGauge() {
    for (int drifted : new int[] {2, 0}) {
      WorkflowStub stub =
          client.newUntypedWorkflowStub(
              "DriftWorkflow",
              WorkflowOptions.newBuilder().setTaskQueue("q").setWorkflowId("d" + drifted).build());
      stub.start(Map.of("drifted", drifted));
      stub.getResult(DriftResult.class);
      double gauge =
          registry
              .get("converge.drift.objects")
              .tags("kube_context", "default", "namespace", "shop-prod", "release", "shop")
              .gauge()
              .value();
      assertEquals(drifted, gauge);
    }
    assertEquals(
        1, registry.get("converge.drift.checks").tag("state", "drifted").counter().count());
    assertEquals(
        1, registry.get("converge.drift.checks").tag("state", "in_sync").counter().count());
  }

  @BeforeEach
  void start() {
    ConvergeMetricsInterceptor interceptor =
        new ConvergeMetricsInterceptor(new ConvergeMetrics(registry));
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder().setWorkerInterceptors(interceptor).build())
                .build());
    worker = env.newWorker("q");
    worker.registerWorkflowImplementationTypes(ScriptedConverge.class, ScriptedDrift.class);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private WorkflowStub startRun(String id, String outcome) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            "ConvergeWorkflow",
            WorkflowOptions.newBuilder().setTaskQueue("q").setWorkflowId(id).build());
    stub.start(Map.of("outcome", outcome));
    return stub;
  }

  private double ended(String outcome) {
    var counter = registry.find("converge.ended").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aDeployedRunCountsOneStartOneSuccessAndItsDuration() {
    startRun("c1", "DEPLOYED").getResult(ConvergeResult.class);

    assertEquals(1, registry.get("converge.started").counter().count());
    assertEquals(1, ended("deployed"));
    assertEquals(1, registry.get("converge.duration").tag("outcome", "deployed").timer().count());
    assertEquals(30, registry.get("converge.duration").timer().totalTime(TimeUnit.SECONDS), 1);
  }

  @Test
  void failedSkippedAndCanceledRunsAreCountedByOutcomeWithTheirCompensations() {
    assertThrows(
        WorkflowFailedException.class,
        () -> startRun("c2", "FAILED").getResult(ConvergeResult.class));
    startRun("c3", "SKIPPED").getResult(ConvergeResult.class);
    WorkflowStub canceled = startRun("c4", "CANCELED");
    env.sleep(Duration.ofSeconds(1));
    canceled.cancel();
    assertThrows(WorkflowFailedException.class, () -> canceled.getResult(ConvergeResult.class));

    assertEquals(3, registry.get("converge.started").counter().count());
    assertEquals(1, ended("failed"));
    assertEquals(1, ended("skipped"));
    assertEquals(1, ended("canceled"));
    assertEquals(0, ended("deployed"));
    assertEquals(
        3,
        registry.get("converge.compensations").counter().count(),
        "2 from the failed run, 1 from the canceled one");
  }

  @Test
  void replayingAFinishedRunCountsNothingAgain() throws Exception {
    startRun("c5", "FAILED");
    assertThrows(
        WorkflowFailedException.class,
        () -> client.newUntypedWorkflowStub("c5").getResult(ConvergeResult.class));

    worker.replayWorkflowExecution(client.fetchHistory("c5"));

    assertEquals(1, registry.get("converge.started").counter().count());
    assertEquals(1, ended("failed"));
    assertEquals(2, registry.get("converge.compensations").counter().count());
  }
}
