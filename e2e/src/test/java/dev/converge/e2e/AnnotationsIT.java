package dev.converge.e2e;

import static dev.converge.e2e.Stack.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.Outcome;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * examples/annotations on a real API server: install, upgrade with resources removed, then a
 * failing upgrade; each time the cluster is checked with kubectl (docs/semantics.md#annotations,
 * #stages-and-execution, #failure-path).
 */
class AnnotationsIT {
  private static final String RELEASE = "ann";
  private static Service worker;
  private static WorkflowClient client;

  @BeforeAll
  static void start() {
    worker = Service.worker("worker-annotations-it");
    client = E2e.temporalClient();
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.close();
    }
  }

  @Test
  void installUpgradeAndFailureHonourTheAnnotations() throws Exception {
    String ns = E2e.namespace("i4-ann");
    try {
      install(ns);
      upgradeWithResourcesRemoved(ns);
      failingUpgradeCompensatesOnlyItsOwnCreations(ns);
    } finally {
      kubectl("delete", "namespace", ns, "--wait=false");
    }
  }

  private void install(String ns) throws Exception {
    ConvergeResult result = converge(ns, List.of());

    assertEquals(Outcome.DEPLOYED, result.outcome(), result.toString());
    assertTrue(
        result.completed().contains("create Job/" + ns + "/ann-migrate"),
        "the migration ran: " + result.completed());
    assertFalse(
        exists(ns, "job", "ann-migrate"), "delete-policy succeeded removed the migration Job");
    Instant first = created(ns, "configmap", "ann-first");
    Instant base = created(ns, "configmap", "ann-base");
    Instant late = created(ns, "configmap", "ann-late");
    assertTrue(
        first.isBefore(base), "weight -1 (slow 5s) before weight 0: " + first + " / " + base);
    assertTrue(base.isBefore(late), "weight 0 (slow 3s) before weight 5: " + base + " / " + late);
    assertTrue(exists(ns, "pvc", "ann-data"), "the NonBlocking PVC did not hold the converge");
    assertTrue(exists(ns, "job", "ann-shared-job"));
  }

  private void upgradeWithResourcesRemoved(String ns) throws Exception {
    ConvergeResult result = converge(ns, List.of("removeExtras=true"));

    assertEquals(Outcome.DEPLOYED, result.outcome(), result.toString());
    assertEquals(2, result.revision());
    assertFalse(exists(ns, "configmap", "ann-late"), "removed from the chart: deleted");
    assertTrue(exists(ns, "pvc", "ann-data"), "helm.sh/resource-policy: keep");
    assertTrue(exists(ns, "job", "ann-shared-job"), "werf.io/ownership: anyone");
    assertTrue(
        result.completed().contains("create Job/" + ns + "/ann-migrate"),
        "pre-upgrade ran the migration again");
    assertFalse(exists(ns, "job", "ann-migrate"));
  }

  private void failingUpgradeCompensatesOnlyItsOwnCreations(String ns) {
    WorkflowFailedException failed =
        assertThrows(
            WorkflowFailedException.class,
            () -> converge(ns, List.of("removeExtras=true", "fail=true")));

    ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, failed.getCause());
    ConvergeResult report = failure.getDetails().get(ConvergeResult.class);
    assertEquals(Outcome.FAILED, report.outcome());
    assertTrue(
        report.compensated().contains("ConfigMap/" + ns + "/ann-new"),
        report.compensated().toString());
    assertFalse(exists(ns, "configmap", "ann-new"), "created by the failed run: deleted");
    assertTrue(
        exists(ns, "configmap", "ann-shared-new"),
        "created by the failed run but ownership anyone: left");
    assertTrue(
        exists(ns, "deployment", "ann-app"), "updated, not created, by the failed run: left");
    assertTrue(exists(ns, "configmap", "ann-base"));
    assertTrue(exists(ns, "pvc", "ann-data"));
    assertTrue(exists(ns, "job", "ann-shared-job"));
    assertEquals(Map.of(1, "superseded", 2, "deployed", 3, "failed"), E2e.helmHistory(RELEASE, ns));
  }

  /**
   * kube-prometheus-stack's admission hooks: a Job, its ServiceAccount and RBAC, all in one weight
   * step.
   */
  @Test
  void aHookJobFindsTheServiceAccountOfItsOwnStepAndHookSucceededCleansUp() throws Exception {
    for (int round = 0; round < 3; round++) {
      String ns = E2e.namespace("i11-hookrbac");
      String id = E2e.workflowId(ns, "hr");
      Map<String, Object> input = E2e.request("hr", ns, "examples/hook-rbac");
      input.put("timeoutSeconds", 120);
      client
          .newUntypedWorkflowStub(
              "ConvergeWorkflow",
              WorkflowOptions.newBuilder().setTaskQueue(TASK_QUEUE).setWorkflowId(id).build())
          .start(input);
      ConvergeResult result = E2e.result(client, id);
      assertEquals(Outcome.DEPLOYED, result.outcome(), String.valueOf(result.error()));
      assertFalse(exists(ns, "job", "hr-admission-create"), "hook-succeeded deleted the Job");
      assertFalse(
          exists(ns, "serviceaccount", "hr-admission"),
          "and its ServiceAccount, after the whole hook stage");
      assertTrue(exists(ns, "configmap", "hr-settings"));
    }
  }

  private static ConvergeResult converge(String ns, List<String> set) throws Exception {
    Map<String, Object> input = E2e.request(RELEASE, ns, "examples/annotations");
    input.put("set", set);
    input.put("timeoutSeconds", 240);
    String id = E2e.workflowId(ns, RELEASE);
    client
        .newUntypedWorkflowStub(
            "ConvergeWorkflow",
            WorkflowOptions.newBuilder().setTaskQueue(TASK_QUEUE).setWorkflowId(id).build())
        .start(input);
    return E2e.result(client, id);
  }

  private static boolean exists(String ns, String kind, String name) {
    return kubectl("get", kind, name, "-n", ns).exit() == 0;
  }

  private static Instant created(String ns, String kind, String name) {
    return Instant.parse(
        kubectl("get", kind, name, "-n", ns, "-o", "jsonpath={.metadata.creationTimestamp}")
            .ok()
            .out()
            .trim());
  }
}
