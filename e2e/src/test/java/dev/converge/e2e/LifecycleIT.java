package dev.converge.e2e;

import static dev.converge.e2e.Stack.API_PORT;
import static dev.converge.e2e.Stack.API_TOKEN;
import static dev.converge.e2e.Stack.helm;
import static dev.converge.e2e.Stack.kubectl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The release lifecycle around converge, as a CI job drives it with deploy/converge-ci.sh: plan
 * with exit codes and masked Secrets, rollback by revision number, autoRollback after a failed
 * upgrade, dismiss of an acceptance environment (hooks, keep objects, namespace), checked with the
 * Helm CLI and kubectl.
 */
class LifecycleIT extends WithWorkerAndApi {
  private static final String API = "http://127.0.0.1:" + API_PORT;

  @Test
  void planExitsTwoForChangesZeroWhenUnchangedOneWhenBrokenAndNeverShowsASecret() throws Exception {
    String ns = E2e.namespace("i13-plan");
    List<String> shop =
        List.of(
            "--release",
            "shop",
            "--namespace",
            ns,
            "--chart",
            "examples/shop",
            "--values-file",
            "examples/shop/values-prod.yaml");
    Stack.Result install = ci(concat(List.of("--plan"), shop));
    assertEquals(2, install.exit(), install.out() + install.err());
    assertTrue(install.out().contains("create Deployment/" + ns + "/shop-web"), install.out());
    assertTrue(install.out().contains("--- Secret/" + ns + "/shop-secret (create)"), install.out());
    assertFalse(
        install.out().contains("prod-key") || install.out().contains("cHJvZC1rZXk"),
        "Secret value in the plan:\n" + install.out());
    assertTrue(
        kubectl("get", "namespace", ns).exit() != 0,
        "a plan writes nothing, not even the namespace");

    assertEquals(0, ci(shop).exit());
    Stack.Result unchanged = ci(concat(List.of("--plan"), shop));
    assertEquals(0, unchanged.exit(), unchanged.out() + unchanged.err());
    assertTrue(unchanged.out().contains("no changes"), unchanged.out());

    Stack.Result changed =
        ci(
            concat(
                List.of("--plan", "--set", "greeting=changed", "--set", "apiKey=new-secret"),
                shop));
    assertEquals(2, changed.exit(), changed.out() + changed.err());
    assertTrue(changed.out().contains("update ConfigMap/" + ns + "/shop-config"), changed.out());
    assertTrue(changed.out().contains("+   GREETING: changed"), changed.out());
    assertTrue(
        changed.out().contains("*** (changed)"),
        "the Secret change is shown masked:\n" + changed.out());
    assertFalse(
        changed.out().contains("new-secret") || changed.out().contains("bmV3LXNlY3JldA"),
        changed.out());

    Stack.Result broken =
        ci(
            List.of(
                "--plan",
                "--release",
                "broken",
                "--namespace",
                ns,
                "--chart",
                "examples/bad/template-error"));
    assertEquals(1, broken.exit(), broken.out() + broken.err());
  }

  @Test
  void rollbackToARevisionNumberIsANewRevisionHelmSees() throws Exception {
    String ns = E2e.namespace("i13-rollback");
    List<String> shop = List.of("--release", "shop", "--namespace", ns, "--chart", "examples/shop");
    assertEquals(0, ci(shop).exit());
    assertEquals(0, ci(concat(shop, List.of("--set", "web.replicas=3"))).exit());
    assertEquals(
        "3",
        kubectl("get", "deployment", "shop-web", "-n", ns, "-o", "jsonpath={.spec.replicas}")
            .ok()
            .out());

    Stack.Result rollback =
        ci(List.of("--rollback", "--release", "shop", "--namespace", ns, "--revision", "1"));
    assertEquals(0, rollback.exit(), rollback.out() + rollback.err());
    assertEquals(
        Map.of(1, "superseded", 2, "superseded", 3, "deployed"), E2e.helmHistory("shop", ns));
    assertTrue(helm("history", "shop", "-n", ns).ok().out().contains("Rollback to 1"));
    assertEquals(
        "2",
        kubectl("get", "deployment", "shop-web", "-n", ns, "-o", "jsonpath={.spec.replicas}")
            .ok()
            .out());
    assertEquals(
        helm("get", "manifest", "shop", "-n", ns, "--revision", "1").ok().out(),
        helm("get", "manifest", "shop", "-n", ns, "--revision", "3").ok().out());
  }

  /** Found on podinfo: its test Pods are named by randAlphaNum, so every render differs. */
  @Test
  void aConvergeAfterHelmRollbackThatChangesNothingIsSkippedAndWritesNothing() throws Exception {
    String ns = E2e.namespace("i25-skip");
    List<String> chart =
        List.of("--release", "th", "--namespace", ns, "--chart", "examples/testhook");
    assertEquals(0, ci(chart).exit());
    assertEquals(0, ci(concat(chart, List.of("--set", "greeting=hi"))).exit());
    helm("rollback", "th", "1", "-n", ns).ok();
    Map<Integer, String> history = E2e.helmHistory("th", ns);
    assertEquals(Map.of(1, "superseded", 2, "superseded", 3, "deployed"), history);

    HttpResponse<String> again =
        post(
            "/api/v1/converges?wait=true",
            Map.of("release", "th", "namespace", ns, "chart", "examples/testhook"));
    JsonNode report = E2e.parse(again.body());
    assertEquals("SKIPPED", report.get("outcome").asText(), again.body());
    assertEquals(3, report.get("revision").asInt(), again.body());
    assertTrue(report.get("reason").asText().contains("revision 3"), again.body());
    assertEquals(history, E2e.helmHistory("th", ns), "helm history unchanged");
  }

  @Test
  void aFailedUpgradeWithAutoRollbackEndsOnThePreviousManifest() throws Exception {
    String ns = E2e.namespace("i13-auto");
    assertEquals(
        200,
        post(
                "/api/v1/converges?wait=true",
                Map.of("release", "app", "namespace", ns, "chart", "examples/shop"))
            .statusCode());
    HttpResponse<String> failed =
        post(
            "/api/v1/converges?wait=true",
            Map.of(
                "release",
                "app",
                "namespace",
                ns,
                "chart",
                "examples/failing",
                "autoRollback",
                true,
                "timeoutSeconds",
                240));
    assertEquals(422, failed.statusCode(), failed.body());
    JsonNode report = E2e.parse(failed.body());
    assertEquals("FAILED", report.get("outcome").asText());
    assertEquals(
        "rolled back to revision 1 as revision 3", report.get("rollback").asText(), failed.body());
    assertEquals(Map.of(1, "superseded", 2, "failed", 3, "deployed"), E2e.helmHistory("app", ns));
    assertEquals(
        helm("get", "manifest", "app", "-n", ns, "--revision", "1").ok().out(),
        helm("get", "manifest", "app", "-n", ns).ok().out());
    assertEquals(
        E2e.manifestObjects("app", ns),
        E2e.helmManagedObjects(ns, "configmaps,deployments,statefulsets,services,secrets"));
  }

  @Test
  void anAcceptanceEnvironmentIsConvergedTestedAndDismissedWithItsNamespace() throws Exception {
    String ns = E2e.namespace("i13-review");
    Stack.Result converge =
        ci(
            List.of(
                "--release",
                "shop",
                "--namespace",
                ns,
                "--chart",
                "examples/shop",
                "--values-file",
                "examples/shop/values-prod.yaml",
                "--values-file",
                "examples/shop/values-acceptance.yaml"));
    assertEquals(0, converge.exit(), converge.out() + converge.err());
    assertEquals(
        "1",
        kubectl(
                "get",
                "job",
                "shop-acceptance-test",
                "-n",
                ns,
                "-o",
                "jsonpath={.status.succeeded}")
            .ok()
            .out());

    Path report = Files.createTempFile("dismiss", ".json");
    Stack.Result dismiss =
        ci(
            List.of(
                "--dismiss",
                "--release",
                "shop",
                "--namespace",
                ns,
                "--delete-namespace",
                "--report",
                report.toString()));
    assertEquals(0, dismiss.exit(), dismiss.out() + dismiss.err());
    JsonNode result = E2e.parse(Files.readString(report));
    assertEquals("DISMISSED", result.get("outcome").asText());
    assertTrue(
        result.get("hooks").toString().contains("Job/" + ns + "/shop-acceptance-cleanup"),
        result.toString());
    assertTrue(result.get("namespaceDeleted").asBoolean());
    assertTrue(helm("history", "shop", "-n", ns).exit() != 0, "no release left");
    E2e.waitUntil(
        "the namespace to go",
        60,
        () ->
            kubectl("get", "namespace", ns).exit() != 0
                || kubectl("get", "namespace", ns, "-o", "jsonpath={.status.phase}")
                    .out()
                    .equals("Terminating"));
  }

  @Test
  void aDismissLeavesWhatTheReleaseKeeps() throws Exception {
    String ns = E2e.namespace("i13-keep");
    assertEquals(
        200,
        post(
                "/api/v1/converges?wait=true",
                Map.of(
                    "release",
                    "ann",
                    "namespace",
                    ns,
                    "chart",
                    "examples/annotations",
                    "timeoutSeconds",
                    240))
            .statusCode());
    HttpResponse<String> dismiss =
        post("/api/v1/releases/" + ns + "/ann/dismiss?wait=true", Map.of());
    assertEquals(200, dismiss.statusCode(), dismiss.body());
    assertEquals(0, kubectl("get", "pvc", "ann-data", "-n", ns).exit(), "the keep PVC stays");
    assertTrue(kubectl("get", "configmap", "ann-late", "-n", ns).exit() != 0, "the rest is gone");
    assertEquals(
        "",
        kubectl("get", "secrets", "-n", ns, "-l", "owner=helm,name=ann", "-o", "name")
            .ok()
            .out()
            .strip());
  }

  /**
   * werf.io/delete-dependency on a real cluster: the prune deletes the guard first and leaves the
   * app alone for as long as the guard is Terminating (its finalizer held), then deletes it.
   */
  @Test
  void deleteDependencyHoldsTheDeleteUntilItsDependencyIsGone() throws Exception {
    String ns = E2e.namespace("i25-deldep");
    Map<String, Object> install = E2e.request("dd", ns, "examples/deletedep");
    assertEquals(200, post("/api/v1/converges?wait=true", install).statusCode());
    Map<String, Object> prune = new HashMap<>(install);
    prune.put("set", List.of("enabled=false"));
    HttpResponse<String> started = post("/api/v1/converges", prune);
    assertEquals(202, started.statusCode(), started.body());
    E2e.waitUntil(
        "the guard is Terminating",
        60,
        () ->
            !kubectl(
                    "get",
                    "configmap",
                    "dd-guard",
                    "-n",
                    ns,
                    "-o",
                    "jsonpath={.metadata.deletionTimestamp}")
                .out()
                .isBlank());
    Thread.sleep(2_000);
    assertEquals(
        0,
        kubectl("get", "configmap", "dd-app", "-n", ns).exit(),
        "the app waits while its delete dependency is still there");
    kubectl(
            "patch",
            "configmap",
            "dd-guard",
            "-n",
            ns,
            "--type=merge",
            "-p",
            "{\"metadata\":{\"finalizers\":null}}")
        .ok();
    assertEquals(
        "DEPLOYED", E2e.result(E2e.temporalClient(), E2e.workflowId(ns, "dd")).outcome().name());
    assertTrue(kubectl("get", "configmap", "dd-app", "-n", ns).exit() != 0, "then it is deleted");
    assertEquals(0, kubectl("get", "configmap", "dd-stays", "-n", ns).exit());
  }

  @Test
  void approvalThroughTheApiAndTheTemporalCliRejectionAndAStaleDigest() throws Exception {
    // REST: a stale digest is refused, the right one applies the plan.
    String ns = E2e.namespace("i13-approve");
    String id = E2e.workflowId(ns, "shop");
    Map<String, Object> request =
        Map.of(
            "release",
            "shop",
            "namespace",
            ns,
            "chart",
            "examples/shop",
            "approval",
            Map.of("required", true, "timeoutSeconds", 600));
    assertEquals(202, post("/api/v1/converges", request).statusCode());
    JsonNode plan = waitingPlan(id);
    assertTrue(kubectl("get", "namespace", ns).exit() != 0, "nothing written while waiting");
    assertEquals(
        409,
        post(
                "/api/v1/converges/" + id + "/approve",
                Map.of("planDigest", "sha256:" + "0".repeat(64)))
            .statusCode());
    HttpResponse<String> approved =
        post(
            "/api/v1/converges/" + id + "/approve",
            Map.of("planDigest", plan.get("planDigest").asText()));
    assertEquals(200, approved.statusCode(), approved.body());
    assertEquals("DEPLOYED", E2e.result(E2e.temporalClient(), id).outcome().name());

    // temporal CLI: the Update by name, then a rejection of the next plan.
    String cliNs = E2e.namespace("i13-approve-cli");
    String cliId = E2e.workflowId(cliNs, "shop");
    assertEquals(
        202,
        post(
                "/api/v1/converges",
                Map.of(
                    "release",
                    "shop",
                    "namespace",
                    cliNs,
                    "chart",
                    "examples/shop",
                    "approval",
                    Map.of("required", true)))
            .statusCode());
    String digest = waitingPlan(cliId).get("planDigest").asText();
    Stack.temporal(
            "workflow",
            "update",
            "execute",
            "--workflow-id",
            cliId,
            "--name",
            "approve",
            "--input",
            E2e.json(Map.of("planDigest", digest, "approve", true, "by", "cli-operator")),
            "--codec-endpoint",
            API + "/codec",
            "--codec-auth",
            "Bearer " + API_TOKEN)
        .ok();
    assertEquals("DEPLOYED", E2e.result(E2e.temporalClient(), cliId).outcome().name());
    String audit =
        Stack.temporal("workflow", "show", "--workflow-id", cliId, "-o", "json").ok().out();
    assertTrue(
        audit.contains("UPDATE_ACCEPTED") || audit.contains("UpdateAccepted"),
        "the decision is in the audit history");

    assertEquals(
        202,
        post(
                "/api/v1/converges",
                Map.of(
                    "release",
                    "shop",
                    "namespace",
                    cliNs,
                    "chart",
                    "examples/shop",
                    "set",
                    List.of("greeting=rejected"),
                    "approval",
                    Map.of("required", true)))
            .statusCode());
    String next = waitingPlan(cliId).get("planDigest").asText();
    assertEquals(
        200,
        post(
                "/api/v1/converges/" + cliId + "/approve",
                Map.of("planDigest", next, "approve", false, "reason", "not today"))
            .statusCode());
    E2e.waitUntil(
        "the rejected run to end",
        60,
        () -> {
          JsonNode status = get("/api/v1/converges/" + cliId);
          return "CANCELED".equals(status.path("outcome").asText());
        });
    assertEquals(
        Map.of(1, "deployed"),
        E2e.helmHistory("shop", cliNs),
        "a rejected plan writes no revision");
  }

  private static JsonNode waitingPlan(String id) throws Exception {
    for (int i = 0; i < 120; i++) {
      HttpResponse<String> plan =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(API + "/api/v1/converges/" + id + "/plan"))
                      .header("Authorization", "Bearer " + API_TOKEN)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (plan.statusCode() == 200) {
        return E2e.parse(plan.body());
      }
      Stack.sleep(500);
    }
    throw new AssertionError("no plan waiting for approval in " + id);
  }

  private static JsonNode get(String path) {
    try {
      return E2e.parse(
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(API + path))
                      .header("Authorization", "Bearer " + API_TOKEN)
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static Stack.Result ci(List<String> args) {
    List<String> command = new ArrayList<>(List.of("bash", "deploy/converge-ci.sh"));
    command.addAll(args);
    return Stack.run(command, Map.of("CONVERGE_API", API, "CONVERGE_API_TOKEN", API_TOKEN), 300);
  }

  private static HttpResponse<String> post(String path, Object body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(API + path))
                .header("Authorization", "Bearer " + API_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(E2e.json(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
