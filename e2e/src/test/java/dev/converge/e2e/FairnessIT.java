package dev.converge.e2e;

import static dev.converge.e2e.Stack.API_PORT;
import static dev.converge.e2e.Stack.API_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fairness on the real stack (docs/operations.md#fairness): a worker with one activity slot, one
 * tenant's flood of slow converges queued for it, and another tenant's converge that gets its turns
 * in between instead of after the flood. Order, not timing, is asserted.
 */
class FairnessIT {
  private static final String API = "http://127.0.0.1:" + API_PORT;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final WorkflowClient CLIENT = E2e.temporalClient();
  private static final int FLOOD = 20;
  private static Stack.Service worker;
  private static Stack.Service api;

  @BeforeAll
  static void start() {
    worker =
        Stack.Service.worker(
            "worker-fairness-" + System.nanoTime(), Map.of("CONVERGE_WORKER_ACTIVITY_SLOTS", "1"));
    api = Stack.Service.api();
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
    if (worker != null) {
      worker.close();
    }
  }

  @Test
  void anotherTenantsConvergeEndsWhileMostOfAFloodStillWaits() throws Exception {
    String flooding = E2e.namespace("i24-flood");
    String lone = E2e.namespace("i24-lone");
    List<String> flood = new ArrayList<>();
    for (int i = 0; i < FLOOD; i++) {
      String release = "slow-" + i;
      flood.add(startSlow(flooding, release, "4s"));
    }
    String hotfix = startSlow(lone, "hotfix", "1s");

    Map<?, ?> report =
        CLIENT.newUntypedWorkflowStub(hotfix).getResult(600, TimeUnit.SECONDS, Map.class);
    assertEquals("DEPLOYED", report.get("outcome"), report.toString());
    long floodDone = flood.stream().filter(FairnessIT::closed).count();
    assertTrue(
        floodDone < FLOOD / 2,
        "the lone tenant's converge waited for the flood: " + floodDone + " of " + FLOOD + " done");

    for (String id : flood) {
      Map<?, ?> end = CLIENT.newUntypedWorkflowStub(id).getResult(900, TimeUnit.SECONDS, Map.class);
      assertEquals("DEPLOYED", end.get("outcome"), id + ": " + end);
    }
  }

  private static boolean closed(String workflowId) {
    return CLIENT.newUntypedWorkflowStub(workflowId).describe().getStatus()
        != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  /** Starts a converge of examples/slow (pods ready after {@code readyAfter}); its workflow id. */
  private static String startSlow(String ns, String release, String readyAfter) throws Exception {
    HttpResponse<String> started =
        post(
            Map.of(
                "release",
                release,
                "namespace",
                ns,
                "chart",
                "examples/slow",
                "set",
                List.of("readyAfter=" + readyAfter, "configMaps=1"),
                "timeoutSeconds",
                900));
    assertEquals(202, started.statusCode(), started.body());
    return E2e.workflowId(ns, release);
  }

  private static HttpResponse<String> post(Object body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(API + "/api/v1/converges"))
            .header("Authorization", "Bearer " + API_TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(E2e.json(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
