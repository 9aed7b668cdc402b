package dev.converge.e2e;

import static dev.converge.e2e.Stack.API_PORT;
import static dev.converge.e2e.Stack.API_TOKEN;
import static dev.converge.e2e.Stack.kubectl;
import static dev.converge.e2e.Stack.temporal;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tenant mode on the local API server's RBAC (deploy/local/tenants.sh): team-a's runs act as
 * system:serviceaccount:team-a:converge-deployer, bound to admin in team-a only. A chart that
 * reaches outside (examples/tenancy/reach) is refused before anything is written, whether it comes
 * through the REST API with team-a's token or as a hand-written {@code temporal workflow start}
 * input.
 */
class TenancyIT {
  private static final String API = "http://127.0.0.1:" + API_PORT;
  private static final String TEAM_A_TOKEN = "team-a-" + UUID.randomUUID();
  private static final String IDENTITY = "system:serviceaccount:team-a:converge-deployer";
  private static final String SECRET = "team-b-password-" + UUID.randomUUID();
  private static Stack.Service worker;
  private static Stack.Service api;

  @BeforeAll
  static void start() throws Exception {
    Path tokens = Files.createTempFile("tenancy-tokens", ".yml");
    Files.writeString(
        tokens,
        "converge:\n  api:\n    tokens:\n"
            + "      - {name: local, token: \""
            + API_TOKEN
            + "\", contexts: [\"*\"], namespaces: [\"*\"], charts: [\"*\"], registries: [\"*\"]}\n"
            + "      - {name: team-a, token: \""
            + TEAM_A_TOKEN
            + "\", contexts: [default], namespaces: [team-a], "
            + "charts: [examples/tenancy, examples/shop], registries: []}\n");
    worker =
        Stack.Service.worker(
            "worker-tenant",
            Map.of(
                "CONVERGE_TENANCY_MODE",
                "tenant",
                "CONVERGE_TENANCY_OVERRIDES_0_KUBE_CONTEXT",
                "default",
                "CONVERGE_TENANCY_OVERRIDES_0_NAMESPACE",
                "platform-apps",
                "CONVERGE_TENANCY_OVERRIDES_0_SERVICE_ACCOUNT_NAMESPACE",
                "platform",
                "CONVERGE_TENANCY_OVERRIDES_0_CREATE_NAMESPACE",
                "true"));
    api = Stack.Service.api(Map.of("SPRING_CONFIG_ADDITIONAL_LOCATION", "file:" + tokens));
    assertTrue(
        Files.readString(worker.log).contains("converge worker in tenant mode"),
        "the start log names the mode");
    // The other team's things, which team-a's charts try to reach.
    kubectl("-n", "team-b", "create", "configmap", "team-config", "--from-literal=owner=team-b")
        .ok();
    kubectl(
            "-n",
            "team-b",
            "create",
            "secret",
            "generic",
            "team-db",
            "--from-literal=password=" + SECRET)
        .ok();
  }

  @AfterAll
  static void stop() {
    kubectl("-n", "team-b", "delete", "configmap", "team-config", "--ignore-not-found");
    kubectl("-n", "team-b", "delete", "secret", "team-db", "--ignore-not-found");
    if (api != null) {
      api.close();
    }
    if (worker != null) {
      worker.close();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cluster-admin",
        "other-namespace",
        "hook-over",
        "anyone-over",
        "namespace",
        "lookup-manifest",
        "lookup-fail",
        "missing-role"
      })
  void aChartReachingOutsideItsNamespaceIsRefusedBeforeAnyWriteThroughTheApiAndTheCli(String reach)
      throws Exception {
    for (boolean viaCli : List.of(false, true)) {
      String release = "reach-" + UUID.randomUUID().toString().substring(0, 6);
      Map<String, String> before = snapshot();
      String error;
      if (viaCli) {
        String id = E2e.workflowId("team-a", release);
        temporal(
                "workflow",
                "start",
                "--task-queue",
                Stack.TASK_QUEUE,
                "--type",
                "ConvergeWorkflow",
                "--workflow-id",
                id,
                "--input",
                E2e.json(
                    Map.of(
                        "release",
                        release,
                        "namespace",
                        "team-a",
                        "chart",
                        "examples/tenancy/reach",
                        "set",
                        List.of("reach=" + reach))))
            .ok();
        JsonNode status = awaitEnd(id);
        assertEquals("FAILED", status.path("outcome").asText(), status.toString());
        error = status.path("report").path("error").asText();
      } else {
        HttpResponse<String> response =
            post(
                "/api/v1/converges?wait=true",
                TEAM_A_TOKEN,
                Map.of(
                    "release",
                    release,
                    "namespace",
                    "team-a",
                    "chart",
                    "examples/tenancy/reach",
                    "set",
                    List.of("reach=" + reach)));
        assertEquals(422, response.statusCode(), response.body());
        error = E2e.parse(response.body()).path("error").asText();
        assertFalse(response.body().contains(SECRET), "no Secret value in the answer");
      }
      String how = reach + (viaCli ? " (temporal CLI)" : " (REST)");
      assertTrue(error.contains(IDENTITY) && error.contains(expected(reach)), how + ": " + error);
      assertFalse(error.contains(SECRET), how + ": no Secret value in the error");
      assertEquals("", changes(before, snapshot()), how + ": nothing in the cluster changed");
      assertEquals(
          "",
          kubectl(
                  "-n",
                  "team-a",
                  "get",
                  "secrets",
                  "-l",
                  "owner=helm,name=" + release,
                  "-o",
                  "name")
              .ok()
              .out(),
          how + ": no revision was written");
      String history =
          temporal(
                  "workflow",
                  "show",
                  "--workflow-id",
                  E2e.workflowId("team-a", release),
                  "-o",
                  "json",
                  "--codec-endpoint",
                  API + "/codec",
                  "--codec-auth",
                  "Bearer " + API_TOKEN)
              .ok()
              .out();
      assertFalse(
          history.contains(SECRET) || E2e.payloadText(history).contains(SECRET),
          how + ": no Secret value in history, decoded");
    }
    assertFalse(
        Files.readString(worker.log).contains(SECRET), "no Secret value in the worker's log");
  }

  private static String expected(String reach) {
    return switch (reach) {
      case "cluster-admin" -> "may not create clusterrolebindings (cluster-scoped)";
      case "other-namespace", "hook-over", "anyone-over" -> "configmaps (in namespace team-b)";
      case "namespace" -> "namespaces";
      case "missing-role" -> "refers to Role/team-a/does-not-exist, which does not exist";
      default -> "lookup";
    };
  }

  @Test
  void aPlanThatLooksUpAnotherTeamsSecretFailsWithoutShowingIt() throws Exception {
    HttpResponse<String> plan =
        post(
            "/api/v1/plans",
            TEAM_A_TOKEN,
            Map.of(
                "release",
                "peek",
                "namespace",
                "team-a",
                "chart",
                "examples/tenancy/reach",
                "set",
                List.of("reach=lookup-manifest")));
    assertEquals(422, plan.statusCode(), plan.body());
    assertTrue(plan.body().contains(IDENTITY) && plan.body().contains("lookup"), plan.body());
    assertFalse(plan.body().contains(SECRET), plan.body());
  }

  @Test
  void theTeamsOwnChartInstallsUpgradesPlansRollsBackAndIsDismissedUnderItsIdentity()
      throws Exception {
    String release = "shop-" + UUID.randomUUID().toString().substring(0, 6);
    Map<String, Object> request =
        Map.of("release", release, "namespace", "team-a", "chart", "examples/shop");
    assertEquals(200, post("/api/v1/converges?wait=true", TEAM_A_TOKEN, request).statusCode());
    HttpResponse<String> upgrade =
        post(
            "/api/v1/converges?wait=true",
            TEAM_A_TOKEN,
            Map.of(
                "release",
                release,
                "namespace",
                "team-a",
                "chart",
                "examples/shop",
                "set",
                List.of("greeting=tenant")));
    assertEquals(200, upgrade.statusCode(), upgrade.body());
    HttpResponse<String> plan = post("/api/v1/plans", TEAM_A_TOKEN, request);
    assertEquals(200, plan.statusCode(), plan.body());
    assertEquals(2, E2e.parse(plan.body()).path("exitCode").asInt(), plan.body());
    HttpResponse<String> rollback =
        post(
            "/api/v1/releases/team-a/" + release + "/rollback?wait=true&revision=1",
            TEAM_A_TOKEN,
            Map.of());
    assertEquals(200, rollback.statusCode(), rollback.body());
    assertEquals(
        Map.of(1, "superseded", 2, "superseded", 3, "deployed"),
        E2e.helmHistory(release, "team-a"));
    // Written as the deployer: the API server recorded its identity on the release's objects.
    String managers =
        kubectl(
                "-n",
                "team-a",
                "get",
                "deployment",
                release + "-web",
                "-o",
                "jsonpath={.metadata.managedFields[*].manager}")
            .ok()
            .out();
    assertTrue(managers.contains("helm"), managers);
    // Drift checks read and dry-run as the deployer too, and reach only the token's namespaces.
    String drift = "/api/v1/releases/team-a/" + release + "/drift/check?wait=true";
    HttpResponse<String> inSync = post(drift, TEAM_A_TOKEN, Map.of());
    assertEquals(200, inSync.statusCode(), inSync.body());
    assertEquals("IN_SYNC", E2e.parse(inSync.body()).path("state").asText(), inSync.body());
    kubectl("-n", "team-a", "delete", "configmap", release + "-config").ok();
    JsonNode drifted = E2e.parse(post(drift, TEAM_A_TOKEN, Map.of()).body());
    assertEquals("DRIFTED", drifted.path("state").asText(), drifted.toString());
    assertEquals(
        "ConfigMap/team-a/" + release + "-config",
        drifted.path("drifted").get(0).path("display").asText());
    assertEquals(
        403,
        post("/api/v1/releases/team-b/" + release + "/drift/check", TEAM_A_TOKEN, Map.of())
            .statusCode());
    assertEquals(
        403,
        post("/api/v1/releases/default/" + release + "/drift/check", TEAM_A_TOKEN, Map.of())
            .statusCode());
    HttpResponse<String> dismiss =
        post(
            "/api/v1/releases/team-a/" + release + "/dismiss?wait=true&deleteNamespace=true",
            TEAM_A_TOKEN,
            Map.of());
    assertEquals(200, dismiss.statusCode(), dismiss.body());
    assertFalse(
        E2e.parse(dismiss.body()).path("namespaceDeleted").asBoolean(),
        "team-a was not created by converge: it stays");
    assertEquals(
        "namespace/team-a", kubectl("get", "namespace", "team-a", "-o", "name").ok().out().strip());
  }

  /**
   * ingress-nginx's admission hooks: a ServiceAccount, Role and RoleBinding, then Jobs that delete
   * themselves once complete. A namespace admin may bind only roles that exist, so the binding's
   * dry run fails until the Role is created; the apply creates the Role first.
   */
  @Test
  void aTeamsChartWithItsOwnRoleAndRoleBindingInstallsAndUpgradesUnderItsIdentity()
      throws Exception {
    String release = "ttl-" + UUID.randomUUID().toString().substring(0, 6);
    for (String message : List.of("v1", "v2")) {
      HttpResponse<String> response =
          post(
              "/api/v1/converges?wait=true",
              API_TOKEN,
              Map.of(
                  "release",
                  release,
                  "namespace",
                  "team-a",
                  "chart",
                  "examples/corpus/ttl-hook",
                  "set",
                  List.of("message=" + message)));
      assertEquals(200, response.statusCode(), response.body());
      assertEquals("DEPLOYED", E2e.parse(response.body()).path("outcome").asText());
    }
    assertEquals(
        "",
        kubectl("-n", "team-a", "get", "jobs,roles,rolebindings", "-o", "name")
            .ok()
            .out()
            .lines()
            .filter(n -> n.contains(release))
            .reduce("", String::concat),
        "the hooks removed themselves");
    post("/api/v1/releases/team-a/" + release + "/dismiss?wait=true", API_TOKEN, Map.of());
  }

  @Test
  void aDismissOfAReleaseThatDoesNotExistIs404AndDeletesNothing() throws Exception {
    HttpResponse<String> dismiss =
        post(
            "/api/v1/releases/team-a/never-existed/dismiss?wait=true&deleteNamespace=true",
            TEAM_A_TOKEN,
            Map.of());
    assertEquals(404, dismiss.statusCode(), dismiss.body());
    assertEquals(
        "namespace/team-a", kubectl("get", "namespace", "team-a", "-o", "name").ok().out().strip());
  }

  @Test
  void aPlatformIdentityConfiguredForOneNamespaceInstallsCrdsAndClusterRoles() throws Exception {
    String release = "op-" + UUID.randomUUID().toString().substring(0, 6);
    HttpResponse<String> response =
        post(
            "/api/v1/converges?wait=true",
            API_TOKEN,
            Map.of(
                "release",
                release,
                "namespace",
                "platform-apps",
                "chart",
                "examples/tenancy/operator"));
    assertEquals(200, response.statusCode(), response.body());
    kubectl("get", "crd", "gadgets.tenancy.converge.dev").ok();
    kubectl("get", "clusterrole", release + "-gadgets").ok();
    kubectl("-n", "platform-apps", "get", "gadget", release + "-first").ok();
    // The same chart into a team's namespace: its deployer may not write cluster-scoped objects.
    HttpResponse<String> team =
        post(
            "/api/v1/converges?wait=true",
            TEAM_A_TOKEN,
            Map.of(
                "release", release, "namespace", "team-a", "chart", "examples/tenancy/operator"));
    assertEquals(422, team.statusCode(), team.body());
    assertTrue(
        team.body()
            .contains(
                "ClusterRole/"
                    + release
                    + "-gadgets: the API server refused it: "
                    + IDENTITY
                    + " may not create clusterroles (cluster-scoped)"),
        team.body());
    assertEquals(
        200,
        post(
                "/api/v1/releases/platform-apps/"
                    + release
                    + "/dismiss?wait=true&deleteNamespace=true",
                API_TOKEN,
                Map.of())
            .statusCode());
    kubectl("delete", "crd", "gadgets.tenancy.converge.dev", "--ignore-not-found").ok();
  }

  @Test
  void anObjectSomeoneCreatesWhileAPreInstallHookRunsIsNeitherTakenOverNorDeleted()
      throws Exception {
    String release = "race-" + UUID.randomUUID().toString().substring(0, 6);
    HttpResponse<String> started =
        post(
            "/api/v1/converges",
            TEAM_A_TOKEN,
            Map.of("release", release, "namespace", "team-a", "chart", "examples/tenancy/race"));
    assertEquals(202, started.statusCode(), started.body());
    E2e.waitUntil(
        "the pre-install hook Job",
        60,
        () -> kubectl("-n", "team-a", "get", "job", release + "-prepare").exit() == 0);
    kubectl(
            "-n",
            "team-a",
            "create",
            "configmap",
            release + "-taken",
            "--from-literal=owner=kubectl")
        .ok();
    String before =
        kubectl(
                "-n",
                "team-a",
                "get",
                "configmap",
                release + "-taken",
                "-o",
                "jsonpath={.metadata.resourceVersion}")
            .ok()
            .out();

    JsonNode status = awaitEnd(E2e.workflowId("team-a", release));

    assertEquals("FAILED", status.path("outcome").asText(), status.toString());
    String error = status.path("report").path("error").asText();
    assertTrue(
        error.contains("ConfigMap/team-a/" + release + "-taken: created by someone else"), error);
    assertEquals(
        before,
        kubectl(
                "-n",
                "team-a",
                "get",
                "configmap",
                release + "-taken",
                "-o",
                "jsonpath={.metadata.resourceVersion}")
            .ok()
            .out(),
        "untouched");
    assertEquals(
        "kubectl",
        kubectl(
                "-n",
                "team-a",
                "get",
                "configmap",
                release + "-taken",
                "-o",
                "jsonpath={.data.owner}")
            .ok()
            .out());
    assertTrue(
        kubectl("-n", "team-a", "get", "configmap", release + "-ours").exit() != 0,
        "what the run created is compensated");
    kubectl("-n", "team-a", "delete", "configmap", release + "-taken").ok();
  }

  /**
   * Every object of the kinds a tenant could abuse, with its resourceVersion. Namespaces that
   * earlier tests deleted without waiting are still being torn down by the cluster; they and what
   * is in them change on their own, so they are left out.
   */
  private static Map<String, String> snapshot() {
    String out =
        kubectl(
                "get",
                "configmaps,secrets,namespaces,serviceaccounts,roles,rolebindings,clusterroles,clusterrolebindings",
                "-A",
                "-o",
                "jsonpath={range .items[*]}{.kind}/{.metadata.namespace}/{.metadata.name}"
                    + " {.metadata.resourceVersion} {.metadata.deletionTimestamp}{\"\\n\"}{end}")
            .ok()
            .out();
    Map<String, String> objects = new TreeMap<>();
    Set<String> terminating = new HashSet<>();
    for (String line : out.lines().filter(l -> !l.isBlank()).toList()) {
      String[] parts = line.trim().split(" ");
      objects.put(parts[0], parts[1]);
      if (parts.length > 2 && parts[0].startsWith("Namespace//")) {
        terminating.add(parts[0].substring("Namespace//".length()));
      }
    }
    objects
        .keySet()
        .removeIf(
            key -> {
              String[] id = key.split("/", 3);
              return terminating.contains(id[0].equals("Namespace") ? id[2] : id[1]);
            });
    return objects;
  }

  /** What was added, removed or changed, one object per line; empty when nothing was. */
  private static String changes(Map<String, String> before, Map<String, String> after) {
    StringBuilder diff = new StringBuilder();
    before.forEach(
        (key, version) -> {
          String now = after.get(key);
          if (now == null) {
            diff.append("removed ").append(key).append('\n');
          } else if (!now.equals(version)) {
            diff.append("changed ").append(key).append('\n');
          }
        });
    after.keySet().stream()
        .filter(key -> !before.containsKey(key))
        .forEach(key -> diff.append("added ").append(key).append('\n'));
    return diff.toString();
  }

  private static JsonNode awaitEnd(String workflowId) throws Exception {
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(API + "/api/v1/converges/" + workflowId))
                      .header("Authorization", "Bearer " + API_TOKEN)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        JsonNode status = E2e.parse(response.body());
        if (!"RUNNING".equals(status.path("status").asText())) {
          return status;
        }
      }
      Stack.sleep(500);
    }
    throw new AssertionError("no end of " + workflowId);
  }

  private static HttpResponse<String> post(String path, String token, Object body)
      throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(API + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(E2e.json(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
