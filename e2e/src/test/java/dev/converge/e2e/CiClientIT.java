package dev.converge.e2e;

import static dev.converge.e2e.Stack.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** deploy/converge-ci.sh, as a CI job runs it, against our API and worker on the local stack. */
class CiClientIT extends WithWorkerAndApi {
  private static final String API = "http://127.0.0.1:" + API_PORT;

  @Test
  void deploysAnExampleStreamingProgressBeforeTheEndAndWritesTheReport() throws Exception {
    String ns = E2e.namespace("i6-ci-shop");
    Path report = Files.createTempFile("ci-report", ".json");

    // Pods that take 6s to become ready: the TRACK phase outlasts the once-a-second progress poll.
    String request =
        E2e.json(
            Map.of(
                "release",
                "shop",
                "namespace",
                ns,
                "chart",
                "examples/slow",
                "set",
                List.of("readyAfter=6s", "configMaps=2")));
    Result result = ci(List.of("--report", report.toString(), "--data", request), API_TOKEN);

    assertEquals(0, result.exit(), result.out() + result.err());
    List<String> lines = result.out().lines().toList();
    int end = lines.indexOf("end: COMPLETED DEPLOYED");
    assertTrue(end > 0, result.out());
    assertTrue(
        lines.subList(0, end).stream().filter(l -> l.startsWith("[")).count() >= 2,
        "progress before the end:\n" + result.out());
    assertTrue(lines.subList(0, end).stream().anyMatch(l -> l.startsWith("[TRACK]")), result.out());
    JsonNode written = E2e.parse(Files.readString(report));
    assertEquals("DEPLOYED", written.get("outcome").asText());
    assertEquals(1, written.get("revision").asInt());
    assertEquals(0, kubectl("get", "deployment", "shop-app", "-n", ns).exit());

    String id = E2e.workflowId(ns, "shop");
    E2e.waitUntil(
        "visibility to list the run",
        30,
        () -> get("/api/v1/converges?namespace=" + ns + "&outcome=DEPLOYED").size() == 1);
    JsonNode run = get("/api/v1/converges?namespace=" + ns).get(0);
    assertEquals(id, run.get("workflowId").asText());
    assertEquals(1, run.get("revision").asInt());
    JsonNode timeline =
        get("/api/v1/converges/" + id + "/runs/" + run.get("runId").asText() + "/timeline");
    assertEquals("COMPLETED", timeline.get("status").asText());
    List<String> steps = new ArrayList<>();
    timeline
        .get("steps")
        .forEach(
            s -> {
              steps.add(s.get("activity").asText());
              assertEquals("COMPLETED", s.get("outcome").asText(), s.toString());
              assertTrue(
                  s.hasNonNull("scheduled") && s.hasNonNull("started") && s.hasNonNull("closed"),
                  s.toString());
            });
    assertEquals(
        List.of("ReadReleaseHistory", "RenderRelease"), steps.subList(0, 2), steps.toString());
    assertTrue(
        steps.contains("ApplyResources") && steps.contains("TrackResources"), steps.toString());
    JsonNode release = get("/api/v1/releases/" + ns + "/shop");
    assertEquals(1, release.at("/revisions/0/revision").asInt());
    assertEquals("deployed", release.at("/revisions/0/status").asText());
  }

  /**
   * The operation graph as converge-ci.sh writes it for examples/shop: every dependsOn names an
   * earlier operation of the same report, all COMPLETED; then a run canceled while it tracks has
   * what never ran CANCELED.
   */
  @Test
  void theReportHoldsTheOperationGraphAndACanceledRunItsCanceledOperations() throws Exception {
    String ns = E2e.namespace("i25-graph");
    Path report = Files.createTempFile("ci-graph", ".json");
    Result result =
        ci(
            List.of(
                "--report",
                report.toString(),
                "--data",
                E2e.json(Map.of("release", "shop", "namespace", ns, "chart", "examples/shop"))),
            API_TOKEN);
    assertEquals(0, result.exit(), result.out() + result.err());
    assertTrue(result.out().contains("op COMPLETED release/deployed"), result.out());
    Map<String, JsonNode> graph = graph(E2e.parse(Files.readString(report)));
    graph
        .values()
        .forEach(op -> assertEquals("COMPLETED", op.get("status").asText(), op.toString()));
    assertTrue(graph.containsKey("release/pending") && graph.containsKey("release/deployed"));
    assertTrue(
        graph.values().stream()
            .anyMatch(
                op ->
                    op.get("kind").asText().equals("TRACK")
                        && op.get("object").asText().startsWith("Deployment/" + ns + "/")),
        graph.keySet().toString());

    String slowNs = E2e.namespace("i25-graph-cancel");
    String id = E2e.workflowId(slowNs, "slow");
    HttpResponse<String> started =
        post(
            "/api/v1/converges",
            E2e.json(
                Map.of(
                    "release",
                    "slow",
                    "namespace",
                    slowNs,
                    "chart",
                    "examples/slow",
                    "set",
                    List.of("readyAfter=120s"))));
    assertEquals(202, started.statusCode(), started.body());
    E2e.waitUntil(
        "the run to track",
        120,
        () -> "TRACK".equals(get("/api/v1/converges/" + id).at("/progress/phase").asText()));
    assertEquals(202, post("/api/v1/converges/" + id + "/cancel", "{}").statusCode());
    E2e.waitUntil(
        "the run to end",
        120,
        () -> !"RUNNING".equals(get("/api/v1/converges/" + id).path("status").asText()));
    JsonNode canceled = get("/api/v1/converges/" + id);
    assertEquals("CANCELED", canceled.path("outcome").asText(), canceled.toString());
    Map<String, JsonNode> ended = graph(canceled.path("report"));
    assertEquals("COMPLETED", ended.get("release/pending").get("status").asText());
    assertEquals("CANCELED", ended.get("release/deployed").get("status").asText());
    assertTrue(
        ended.values().stream()
            .anyMatch(
                op ->
                    op.get("kind").asText().equals("TRACK")
                        && op.get("status").asText().equals("CANCELED")
                        && op.hasNonNull("startedAt")),
        "the tracking that ran when the cancel came: " + ended.values());
  }

  /** The report's operations by id; fails unless each dependsOn names an earlier operation. */
  private static Map<String, JsonNode> graph(JsonNode report) {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    for (JsonNode op : report.path("operations")) {
      for (JsonNode dependency : op.path("dependsOn")) {
        assertTrue(byId.containsKey(dependency.asText()), op + " depends on an unknown operation");
      }
      assertNull(byId.put(op.get("id").asText(), op), "duplicate " + op);
    }
    assertFalse(byId.isEmpty(), "no operations in " + report);
    return byId;
  }

  /**
   * Live, by order of arrival: a stream's first TRACK line must reach the client while the run is
   * still running (its pods take 20 s to become ready), for each of 50 streams open at once.
   */
  @Test
  void fiftyStreamsOpenAtOnceEachGetProgressWhileTheRunIsStillRunning() throws Exception {
    String ns = E2e.namespace("i21-live");
    String id = E2e.workflowId(ns, "slow");
    HttpResponse<String> started =
        post(
            "/api/v1/converges",
            E2e.json(
                Map.of(
                    "release",
                    "slow",
                    "namespace",
                    ns,
                    "chart",
                    "examples/slow",
                    "set",
                    List.of("readyAfter=20s", "configMaps=2"))));
    assertEquals(202, started.statusCode(), started.body());
    var pool = Executors.newFixedThreadPool(50);
    try {
      List<Future<String>> streams = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        streams.add(
            pool.submit(
                () -> {
                  HttpRequest events =
                      HttpRequest.newBuilder(
                              URI.create(API + "/api/v1/converges/" + id + "/events"))
                          .header("Authorization", "Bearer " + API_TOKEN)
                          .build();
                  String whileTracking = null;
                  String end = null;
                  String last = null;
                  var response =
                      HttpClient.newHttpClient().send(events, HttpResponse.BodyHandlers.ofLines());
                  try (var lines = response.body()) {
                    for (var it = lines.iterator(); it.hasNext(); ) {
                      last = it.next();
                      JsonNode line = E2e.parse(last);
                      if (whileTracking == null
                          && "progress".equals(line.path("type").asText())
                          && "TRACK".equals(line.path("phase").asText())) {
                        whileTracking = get("/api/v1/converges/" + id).path("status").asText();
                      }
                      if ("end".equals(line.path("type").asText())) {
                        end = line.path("outcome").asText();
                      }
                    }
                  }
                  return end == null
                      ? "HTTP " + response.statusCode() + ", no end line; the last: " + last
                      : whileTracking + " " + end;
                }));
      }
      for (var stream : streams) {
        assertEquals(
            "RUNNING DEPLOYED",
            stream.get(300, TimeUnit.SECONDS),
            "the run's status when a stream got its first TRACK line, and the stream's end");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The same through converge-ci.sh, several CI jobs at once, each ending with its exit code. */
  @Test
  void ciJobsAtOnceEachPrintProgressWhileTheirRunIsStillRunningAndExitZero() throws Exception {
    int jobs = Integer.getInteger("it.ciJobs", 8);
    var pool = Executors.newFixedThreadPool(jobs);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        String ns = E2e.namespace("i21-ci");
        results.add(
            pool.submit(
                () -> {
                  String request =
                      E2e.json(
                          Map.of(
                              "release",
                              "slow",
                              "namespace",
                              ns,
                              "chart",
                              "examples/slow",
                              "set",
                              List.of("readyAfter=20s", "configMaps=2")));
                  ProcessBuilder builder =
                      new ProcessBuilder(
                              "bash",
                              "deploy/converge-ci.sh",
                              "--api",
                              API,
                              "--token",
                              API_TOKEN,
                              "--data",
                              request)
                          .directory(ROOT.toFile())
                          .redirectErrorStream(true);
                  builder.environment().put("PATH", BIN + ":" + System.getenv("PATH"));
                  Process process = builder.start();
                  String whileTracking = null;
                  StringBuilder out = new StringBuilder();
                  try (var reader = process.inputReader()) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                      out.append(line).append('\n');
                      if (whileTracking == null && line.startsWith("[TRACK]")) {
                        whileTracking =
                            get("/api/v1/converges/" + E2e.workflowId(ns, "slow"))
                                .path("status")
                                .asText();
                      }
                    }
                  }
                  assertTrue(process.waitFor(300, TimeUnit.SECONDS), out.toString());
                  return whileTracking
                      + " exit "
                      + process.exitValue()
                      + (process.exitValue() == 0 ? "" : "\n" + out);
                }));
      }
      for (var result : results) {
        assertEquals("RUNNING exit 0", result.get(360, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void exitsNonZeroOnAFailingChartAndTheReportNamesTheFailedResource() throws Exception {
    String ns = E2e.namespace("i6-ci-fail");
    Path report = Files.createTempFile("ci-report", ".json");
    String request =
        E2e.json(
            Map.of(
                "release",
                "broken",
                "namespace",
                ns,
                "chart",
                "examples/failing",
                "timeoutSeconds",
                240));

    Result result = ci(List.of("--report", report.toString(), "--data", request), API_TOKEN);

    assertEquals(1, result.exit(), result.out() + result.err());
    assertTrue(result.out().contains("end: FAILED FAILED"), result.out());
    JsonNode written = E2e.parse(Files.readString(report));
    assertEquals("FAILED", written.get("outcome").asText());
    assertTrue(written.get("failed").toString().contains("broken-app"), written.toString());
    assertTrue(
        written.get("compensated").toString().contains("Deployment/" + ns + "/broken-app"),
        written.toString());
  }

  @Test
  void anUnknownTokenIsRefusedWithExit2AndNothingStarts() throws Exception {
    String ns = E2e.namespace("i6-ci-auth");

    Result result =
        ci(
            List.of("--release", "shop", "--namespace", ns, "--chart", "examples/shop"),
            "not-a-token");

    assertEquals(2, result.exit(), result.out() + result.err());
    assertTrue(result.err().contains("HTTP 401"), result.err());
    assertEquals(404, status("/api/v1/converges/" + E2e.workflowId(ns, "shop")));
  }

  private static Result ci(List<String> args, String token) {
    List<String> command =
        new ArrayList<>(List.of("bash", "deploy/converge-ci.sh", "--api", API, "--token", token));
    command.addAll(args);
    return run(command, 420);
  }

  private static HttpResponse<String> post(String path, String body) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(API + path))
              .header("Authorization", "Bearer " + API_TOKEN)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode get(String path) {
    return E2e.parse(send(path).body());
  }

  private static int status(String path) {
    return send(path).statusCode();
  }

  private static HttpResponse<String> send(String path) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(API + path))
              .header("Authorization", "Bearer " + API_TOKEN)
              .build();
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
