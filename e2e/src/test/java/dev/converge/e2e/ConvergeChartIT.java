package dev.converge.e2e;

import static dev.converge.e2e.Stack.API_PORT;
import static dev.converge.e2e.Stack.API_TOKEN;
import static dev.converge.e2e.Stack.helm;
import static dev.converge.e2e.Stack.kubectl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** deploy/helm/converge: linted and templated by the Helm CLI, and deployed by converge itself. */
class ConvergeChartIT extends WithWorkerAndApi {
  private static final String CHART = "deploy/helm/converge";
  private static final List<String> VALUES =
      List.of(
          "worker.replicas=3",
          "worker.manifestStore=oci://registry.internal/converge/bundles",
          "api.tokens[0].name=ci",
          "api.tokens[0].token=secret-token",
          "codec.keys.k1=" + "A".repeat(43) + "=",
          "codec.activeKey=k1",
          "temporal.address=temporal-frontend.temporal.svc:7233");

  @Test
  void theHelmCliLintsAndTemplatesTheChartAndRefusesManyReplicasWithoutASharedStore() {
    helm("lint", CHART, "--strict").ok();
    String template =
        helm(
                "template",
                "converge",
                CHART,
                "--kube-version",
                "1.35.4",
                "--set",
                String.join(",", VALUES))
            .ok()
            .out();
    for (String kind :
        List.of(
            "Deployment",
            "Service",
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "PodDisruptionBudget",
            "Secret")) {
      assertTrue(template.contains("kind: " + kind + "\n"), kind + " missing");
    }
    Stack.Result refused =
        helm(
            "template",
            "converge",
            CHART,
            "--kube-version",
            "1.35.4",
            "--set",
            "worker.replicas=2");
    assertTrue(
        refused.exit() != 0 && refused.err().contains("worker.manifestStore"), refused.err());
  }

  @Test
  void convergeDeploysItselfAndTracksEveryObjectToReady() throws Exception {
    String ns = E2e.namespace("i12-converge");
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + API_PORT + "/api/v1/converges?wait=true"))
                    .header("Authorization", "Bearer " + API_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            E2e.json(
                                Map.of(
                                    "release",
                                    "converge",
                                    "namespace",
                                    ns,
                                    "chart",
                                    CHART,
                                    "set",
                                    VALUES,
                                    "timeoutSeconds",
                                    300))))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    JsonNode report = E2e.parse(response.body());
    assertEquals("DEPLOYED", report.get("outcome").asText());
    assertEquals(
        "3",
        kubectl(
                "get",
                "deployment",
                "converge-worker",
                "-n",
                ns,
                "-o",
                "jsonpath={.status.readyReplicas}")
            .ok()
            .out());
    assertEquals(
        "1",
        kubectl(
                "get",
                "deployment",
                "converge-api",
                "-n",
                ns,
                "-o",
                "jsonpath={.status.readyReplicas}")
            .ok()
            .out());
    assertEquals(Map.of(1, "deployed"), E2e.helmHistory("converge", ns));
    kubectl("delete", "clusterrolebinding", "converge-deployer", "--ignore-not-found").ok();
    kubectl("delete", "clusterrole", "converge-deployer", "--ignore-not-found").ok();
  }
}
