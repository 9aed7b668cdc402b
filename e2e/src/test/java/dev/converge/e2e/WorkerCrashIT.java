package dev.converge.e2e;

import static dev.converge.e2e.Stack.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.converge.workflows.converge.ConvergeWorkflow;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.Outcome;
import dev.converge.workflows.model.Phase;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kill -9 of the worker JVM in the middle of apply, then of tracking: a new worker finishes. */
class WorkerCrashIT {

  @Test
  void convergeSurvivesWorkerKilledDuringApplyAndDuringTracking() throws Exception {
    WorkflowClient client = E2e.temporalClient();
    String ns = E2e.namespace("e2e-crash");
    String id = E2e.workflowId(ns, "crashy");
    Map<String, Object> input = E2e.request("crashy", ns, "examples/slow");
    input.put("set", List.of("gate=crashy-gate", "readyAfter=30s"));

    Service first = Service.worker("worker-crash-1");
    temporal(
            "workflow",
            "start",
            "--task-queue",
            TASK_QUEUE,
            "--type",
            "ConvergeWorkflow",
            "--workflow-id",
            id,
            "--input",
            E2e.json(input))
        .ok();
    E2e.waitUntil(
        "the apply step to wait for its gate",
        90,
        () -> pendingActivity(client, id).contains("ApplyResources"));
    first.kill9();

    Service second = Service.worker("worker-crash-2");
    kubectl("create", "configmap", "crashy-gate", "-n", ns).ok();
    E2e.waitUntil(
        "tracking of the slow Deployment",
        120,
        () ->
            pendingActivity(client, id).contains("TrackResources")
                && progressPhase(client, id) == Phase.TRACK);
    second.kill9();

    try (Service third = Service.worker("worker-crash-3")) {
      ConvergeResult result = E2e.result(client, id);
      assertEquals(Outcome.DEPLOYED, result.outcome(), result.toString());
      assertEquals(1, result.revision());
    }
    assertEquals(Map.of(1, "deployed"), E2e.helmHistory("crashy", ns), "exactly one revision");
    assertEquals(
        E2e.helmManagedObjects(ns, "configmaps,deployments,services,secrets"),
        E2e.manifestObjects("crashy", ns),
        "no orphaned and no missing object");
    assertEquals(
        2,
        E2e.parse(kubectl("get", "deployment", "crashy-app", "-n", ns, "-o", "json").ok().out())
            .at("/status/readyReplicas")
            .asInt());
  }

  private static String pendingActivity(WorkflowClient client, String id) {
    WorkflowServiceStubs service = client.getWorkflowServiceStubs();
    var response =
        service
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace("default")
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id).build())
                    .build());
    return String.join(
        ",",
        response.getPendingActivitiesList().stream()
            .map(PendingActivityInfo::getActivityType)
            .map(t -> t.getName())
            .toList());
  }

  private static Phase progressPhase(WorkflowClient client, String id) {
    try {
      return client.newWorkflowStub(ConvergeWorkflow.class, id).progress().phase();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
