package dev.converge.e2e;

import static dev.converge.e2e.Stack.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Cancel (REST and temporal CLI) and timeout of a converge of many objects at a random moment
 * inside its apply: nothing of the release stays behind, and the canceled run's status carries the
 * report of what was compensated. Rounds per way: {@code -Dconverge.cancel.rounds} (CI: 1).
 */
class CancelIT extends WithWorkerAndApi {
  private static final int OBJECTS = 600;
  private static final int ROUNDS = Integer.getInteger("converge.cancel.rounds", 1);
  private static final Random RANDOM = new Random();

  @Test
  void canceledOrTimedOutApplyLeavesNothingBehind() throws Exception {
    List<String> figures = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      figures.add(run("rest", round));
      figures.add(run("cli", round));
      figures.add(run("timeout", round));
    }
    System.out.println("CancelIT figures:\n  " + String.join("\n  ", figures));
  }

  private String run(String how, int round) throws Exception {
    String ns = E2e.namespace("cancel-" + how);
    String release = "many";
    String id = E2e.workflowId(ns, release);
    try {
      kubectl("create", "namespace", ns).ok();
      Map<String, Object> body = E2e.request(release, ns, "examples/many");
      // The gate never appears: one object waits for it inside the apply, holding the apply open
      // while the others are created, so every cut lands inside the apply.
      body.put("set", List.of("count=" + OBJECTS, "gate=never-" + round));
      // Timeout: history, render and plan of 600 objects take about 4 s here.
      body.put("timeoutSeconds", how.equals("timeout") ? 8 + RANDOM.nextInt(7) : 600);
      HttpResponse<String> started = send("POST", "/api/v1/converges", E2e.json(body));
      assertEquals(202, started.statusCode(), started.body());
      long startNanos = System.nanoTime();
      int cutAt = 1 + RANDOM.nextInt(OBJECTS);
      if (!how.equals("timeout")) {
        E2e.waitUntil(cutAt + " objects applied", 120, () -> count(ns) >= cutAt);
        if (how.equals("rest")) {
          assertEquals(202, send("POST", "/api/v1/converges/" + id + "/cancel", "").statusCode());
        } else {
          temporal("workflow", "cancel", "--workflow-id", id).ok();
        }
      }
      long cutNanos = how.equals("timeout") ? startNanos : System.nanoTime();
      E2e.waitUntil(
          "the run to end", 300, () -> !"RUNNING".equals(status(id).path("status").asText()));
      double seconds = (System.nanoTime() - cutNanos) / 1e9;
      JsonNode status = status(id);
      String outcome = status.path("outcome").asText();
      JsonNode report = status.path("report");
      assertEquals(
          how.equals("timeout") ? "FAILED" : "CANCELED",
          outcome,
          how + " round " + round + ": " + report.path("error"));
      assertFalse(
          report.isMissingNode() || report.isNull(), "the report is in the status of " + id);
      int compensated = report.path("compensated").size();
      int left = count(ns);
      assertEquals(
          0,
          left,
          how + " round " + round + ": objects of the release left behind; report " + report);
      assertEquals(Map.of(1, "failed"), E2e.helmHistory(release, ns));
      return String.format(
          "%-7s round %d: cut after >=%d objects, ended %.1fs after the cut (timeout: after the start), %d compensated, %d left",
          how, round, how.equals("timeout") ? count(ns) : cutAt, seconds, compensated, left);
    } finally {
      kubectl("delete", "namespace", ns, "--wait=false");
    }
  }

  private static int count(String ns) {
    String out =
        kubectl(
                "get",
                "configmaps",
                "-n",
                ns,
                "-l",
                "app.kubernetes.io/instance=many",
                "-o",
                "name")
            .ok()
            .out();
    return (int) out.lines().filter(l -> !l.isBlank()).count();
  }

  private static JsonNode status(String id) {
    return E2e.parse(send("GET", "/api/v1/converges/" + id, null).body());
  }

  private static HttpResponse<String> send(String method, String path, String body) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + API_PORT + path))
              .timeout(Duration.ofMinutes(2))
              .header("Authorization", "Bearer " + API_TOKEN);
      if (body == null) {
        request.GET();
      } else {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body));
      }
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
