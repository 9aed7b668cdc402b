package dev.converge.e2e;

import static dev.converge.e2e.Stack.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.Outcome;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Converges on a real API server, started the ways users start them, checked with real clients. */
class ConvergeIT extends WithWorkerAndApi {
  private static WorkflowClient client;

  @BeforeAll
  static void connect() {
    client = E2e.temporalClient();
  }

  @Test
  void cliStartWithRawJsonDeploysAndHelmSeesTheRevision() throws Exception {
    String ns = E2e.namespace("e2e-cli");
    String id = E2e.workflowId(ns, "shop");
    Map<String, Object> input = E2e.request("shop", ns, "examples/shop");
    input.put("valuesFiles", List.of("examples/shop/values-prod.yaml"));
    input.put("set", List.of("web.replicas=1"));

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
    ConvergeResult result = E2e.result(client, id);

    assertEquals(Outcome.DEPLOYED, result.outcome(), result.toString());
    assertEquals(1, result.revision());
    JsonNode web =
        E2e.parse(
            kubectl(
                    "get",
                    "deployment",
                    "shop-web",
                    "-n",
                    ns,
                    "-o",
                    "json",
                    "--show-managed-fields")
                .ok()
                .out());
    assertEquals("shop", web.at("/metadata/annotations/meta.helm.sh~1release-name").asText());
    assertEquals(ns, web.at("/metadata/annotations/meta.helm.sh~1release-namespace").asText());
    assertEquals("Helm", web.at("/metadata/labels/app.kubernetes.io~1managed-by").asText());
    assertEquals(1, web.at("/spec/replicas").asInt(), "--set beats values files");
    assertEquals(
        "registry.local/shop/web:1.1",
        web.at("/spec/template/spec/containers/0/image").asText(),
        "values-prod.yaml applied");
    assertTrue(managedBy(web, "helm"), "server-side apply with field manager helm");
    assertEquals(1, web.at("/status/readyReplicas").asInt(), "tracked until ready");
    assertEquals(
        0, kubectl("get", "statefulset", "shop-redis", "-n", ns).exit(), "subchart deployed");
    assertEquals(0, kubectl("get", "crd", "coupons.shop.converge.dev").exit(), "crds/ applied");
    assertEquals(Map.of(1, "deployed"), E2e.helmHistory("shop", ns));
    JsonNode list = E2e.parse(helm("list", "-n", ns, "-o", "json").ok().out());
    assertEquals("shop", list.get(0).get("name").asText());
    assertEquals("deployed", list.get(0).get("status").asText());
    assertFalse(
        helm("get", "manifest", "shop", "-n", ns).ok().out().contains("CustomResourceDefinition"),
        "crds/ never stored in the release");

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
    ConvergeResult again = E2e.result(client, id);
    assertEquals(Outcome.SKIPPED, again.outcome(), "nothing changed: no new revision");
    assertEquals(Map.of(1, "deployed"), E2e.helmHistory("shop", ns));
  }

  @Test
  void restStartWithWaitReturnsTheReport() throws Exception {
    String ns = E2e.namespace("e2e-rest");
    HttpResponse<String> response =
        post("/api/v1/converges?wait=true", E2e.request("shop", ns, "examples/shop"));

    assertEquals(200, response.statusCode(), response.body());
    JsonNode report = E2e.parse(response.body());
    assertEquals("DEPLOYED", report.get("outcome").asText());
    assertEquals(1, report.get("revision").asInt());
    assertEquals(0, kubectl("get", "service", "shop-web", "-n", ns).exit());

    HttpResponse<String> bad =
        post(
            "/api/v1/converges",
            Map.of("release", "shop", "namespace", ns, "chart", "examples/shop", "replica", 1));
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("replica"), bad.body());
  }

  @Test
  void releaseInstalledByHelmIsUpgradedByConverge() throws Exception {
    String ns = E2e.namespace("e2e-helm");
    helm("install", "shop", "examples/shop", "-n", ns, "--create-namespace", "--skip-crds").ok();
    String id = E2e.workflowId(ns, "shop");
    Map<String, Object> input = E2e.request("shop", ns, "examples/shop");
    input.put("set", List.of("greeting=upgraded"));

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
    ConvergeResult result = E2e.result(client, id);

    assertEquals(Outcome.DEPLOYED, result.outcome(), result.toString());
    assertEquals(2, result.revision());
    assertEquals(Map.of(1, "superseded", 2, "deployed"), E2e.helmHistory("shop", ns));
    assertTrue(
        kubectl("get", "configmap", "shop-config", "-n", ns, "-o", "json")
            .ok()
            .out()
            .contains("upgraded"));
  }

  @Test
  void failingChartIsCompensatedAndRecordedAsFailed() throws Exception {
    String ns = E2e.namespace("e2e-fail");
    String id = E2e.workflowId(ns, "broken");
    Map<String, Object> input = E2e.request("broken", ns, "examples/failing");
    input.put("timeoutSeconds", 240);

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
    WorkflowFailedException failed =
        assertThrows(WorkflowFailedException.class, () -> E2e.result(client, id));

    ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, failed.getCause());
    assertTrue(failure.getOriginalMessage().contains("broken-app"), failure.getOriginalMessage());
    ConvergeResult report = failure.getDetails().get(ConvergeResult.class);
    assertEquals(Outcome.FAILED, report.outcome());
    assertTrue(
        report.compensated().contains("Deployment/" + ns + "/broken-app"),
        report.compensated().toString());
    assertNotEquals(
        0,
        kubectl("get", "deployment", "broken-app", "-n", ns).exit(),
        "created Deployment deleted");
    assertNotEquals(
        0,
        kubectl("get", "configmap", "broken-config", "-n", ns).exit(),
        "created ConfigMap deleted");
    assertEquals(Map.of(1, "failed"), E2e.helmHistory("broken", ns));
    String list =
        temporal("workflow", "list", "--query", "ConvergeNamespace=\"" + ns + "\"").ok().out();
    assertTrue(list.contains("Failed"), list);
  }

  @Test
  void pastRunsAreListedBySearchAttributes() throws Exception {
    String ns = E2e.namespace("e2e-list");
    String id = E2e.workflowId(ns, "listed");
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
            E2e.json(E2e.request("listed", ns, "examples/slow")))
        .ok();
    E2e.result(client, id);

    E2e.waitUntil(
        "visibility to index the run",
        30,
        () ->
            temporal(
                    "workflow",
                    "list",
                    "--query",
                    "ConvergeRelease=\"listed\" AND ConvergeNamespace=\""
                        + ns
                        + "\" AND ConvergeOutcome=\"DEPLOYED\"")
                .ok()
                .out()
                .contains(id));
    String byRevision =
        temporal(
                "workflow",
                "list",
                "--query",
                "ConvergeNamespace=\"" + ns + "\" AND ConvergeRevision=1")
            .ok()
            .out();
    assertTrue(byRevision.contains(id), byRevision);
  }

  @Test
  void terminatedConvergeDoesNotWedgeTheRelease() throws Exception {
    String ns = E2e.namespace("e2e-term");
    String id = E2e.workflowId(ns, "term");
    Map<String, Object> input = E2e.request("term", ns, "examples/slow");
    input.put("set", List.of("readyAfter=60s", "configMaps=1"));
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
        "revision 1 to be pending",
        90,
        () ->
            helm("history", "term", "-n", ns).exit() == 0
                && E2e.helmHistory("term", ns).equals(Map.of(1, "pending-install")));

    // Terminate skips every cleanup: the revision stays pending, as after a killed helm.
    temporal("workflow", "terminate", "--workflow-id", id, "--reason", "operator gave up").ok();
    input.put("set", List.of("readyAfter=1s", "configMaps=1"));
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
    ConvergeResult result = E2e.result(client, id);

    assertEquals(Outcome.DEPLOYED, result.outcome(), result.toString());
    assertEquals(2, result.revision());
    assertEquals(Map.of(1, "failed", 2, "deployed"), E2e.helmHistory("term", ns));
    assertTrue(helm("history", "term", "-n", ns).ok().out().contains("stale pending revision"));
  }

  private static boolean managedBy(JsonNode object, String manager) {
    for (JsonNode entry : object.at("/metadata/managedFields")) {
      if (manager.equals(entry.get("manager").asText())
          && "Apply".equals(entry.get("operation").asText())) {
        return true;
      }
    }
    return false;
  }

  private static HttpResponse<String> post(String path, Map<String, Object> body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + API_PORT + path))
            .timeout(Duration.ofMinutes(5))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + API_TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(E2e.json(body)))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
