package dev.converge.e2e;

import static dev.converge.e2e.Stack.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and careless requests against a deployed release, through the REST API: each gets a 4xx
 * or a failed run whose message names what is wrong, and afterwards the cluster is exactly as
 * before (every object's resourceVersion, revision Secrets included), the release still has its one
 * deployed revision, and no run is left running.
 */
class BadInputIT extends WithWorkerAndApi {
  private static final String RELEASE = "victim";
  private static final String NS = E2e.namespace("bad-input");
  private static final String KINDS =
      "configmaps,secrets,services,deployments,jobs,pods,serviceaccounts";

  /** A case: the request body's changes to the good request, and what the answer must say. */
  private record Case(
      String name, String rawBody, Map<String, Object> changes, int status, String says) {
    static Case field(String name, Map<String, Object> changes, String says) {
      return new Case(name, null, changes, 400, says);
    }

    static Case run(String name, Map<String, Object> changes, String says) {
      return new Case(name, null, changes, 422, says);
    }

    static Case raw(String name, String body, int status, String says) {
      return new Case(name, body, null, status, says);
    }
  }

  @BeforeAll
  static void deployTheVictim() throws Exception {
    HostileCharts.push();
    kubectl("create", "namespace", NS).ok();
    HttpResponse<String> deployed = post(good(Map.of()));
    assertEquals(200, deployed.statusCode(), deployed.body());
  }

  @AfterAll
  static void cleanUp() {
    kubectl("delete", "namespace", NS, "--wait=false");
  }

  @Test
  void everyBadRequestIsRefusedNamingTheMistakeAndChangesNothing() {
    List<Case> cases = cases();
    assertTrue(cases.size() >= 40, "at least 40 cases: " + cases.size());
    String before = snapshot();
    List<String> wrong = new ArrayList<>();
    List<String> table = new ArrayList<>();
    for (Case c : cases) {
      HttpResponse<String> answer = c.rawBody != null ? send(c.rawBody) : post(good(c.changes));
      String message = message(answer.body());
      table.add(
          String.format(
              "%-28s %d %s",
              c.name,
              answer.statusCode(),
              message.length() > 140 ? message.substring(0, 140) + "..." : message));
      if (answer.statusCode() != c.status || !message.contains(c.says)) {
        wrong.add(
            c.name
                + ": expected "
                + c.status
                + " saying '"
                + c.says
                + "', got "
                + answer.statusCode()
                + ": "
                + message);
      }
      String after = snapshot();
      if (!after.equals(before)) {
        wrong.add(
            c.name + ": the cluster changed:\n    before " + before + "\n    after  " + after);
        before = after;
      }
    }
    assertEquals(
        Map.of(1, "deployed"), E2e.helmHistory(RELEASE, NS), "no revision written by any case");
    String running =
        temporal(
                "workflow",
                "count",
                "--query",
                "ExecutionStatus='Running' AND ConvergeNamespace='" + NS + "'")
            .ok()
            .out();
    assertTrue(
        running.contains("Total: 0") || running.trim().endsWith(" 0") || running.trim().equals("0"),
        "no run left running: " + running);
    System.out.println("BadInputIT: " + cases.size() + " cases\n  " + String.join("\n  ", table));
    assertTrue(
        wrong.isEmpty(),
        wrong.size() + " of " + cases.size() + " cases wrong:\n  " + String.join("\n  ", wrong));
  }

  /**
   * A release record anyone who may write Secrets in the namespace could leave: under 1 MiB in the
   * cluster, 600 MB unpacked. The next converge skips it, naming the limit, and goes on from the
   * real revision 1 (nothing changed: SKIPPED, no revision written).
   */
  @Test
  void aReleaseRecordOf600MegabytesUnpackedIsSkippedAndTheNextConvergeGoesOn() throws Exception {
    String ns = E2e.namespace("bad-record");
    kubectl("create", "namespace", ns).ok();
    try {
      Map<String, Object> request =
          new LinkedHashMap<>(E2e.request("hoard", ns, "examples/corpus/notes"));
      assertEquals(200, send(E2e.json(request)).statusCode());
      ByteArrayOutputStream zipped = new ByteArrayOutputStream();
      try (var gzip = new GZIPOutputStream(zipped)) {
        gzip.write(
            "{\"name\":\"hoard\",\"version\":7,\"manifest\":\"".getBytes(StandardCharsets.UTF_8));
        byte[] filler = new byte[1 << 20];
        Arrays.fill(filler, (byte) 'a');
        for (int i = 0; i < 600; i++) {
          gzip.write(filler);
        }
        gzip.write("\"}".getBytes(StandardCharsets.UTF_8));
      }
      String helmText = Base64.getEncoder().encodeToString(zipped.toByteArray());
      Path file = Files.createTempFile("hoard", ".json");
      Files.writeString(
          file,
          E2e.json(
              Map.of(
                  "apiVersion",
                  "v1",
                  "kind",
                  "Secret",
                  "type",
                  "helm.sh/release.v1",
                  "metadata",
                  Map.of(
                      "name",
                      "sh.helm.release.v1.hoard.v7",
                      "namespace",
                      ns,
                      "labels",
                      Map.of(
                          "owner",
                          "helm",
                          "name",
                          "hoard",
                          "version",
                          "7",
                          "status",
                          "superseded")),
                  "data",
                  Map.of(
                      "release",
                      Base64.getEncoder()
                          .encodeToString(helmText.getBytes(StandardCharsets.US_ASCII))))));
      kubectl("create", "-f", file.toString()).ok();

      HttpResponse<String> again = send(E2e.json(request));

      assertEquals(200, again.statusCode(), again.body());
      assertEquals("SKIPPED", E2e.parse(again.body()).get("outcome").asText(), again.body());
      assertEquals(1, E2e.parse(again.body()).get("revision").asInt(), again.body());
      String log = Files.readString(worker.log);
      assertTrue(
          log.contains("sh.helm.release.v1.hoard.v7") && log.contains("limit of 67108864 bytes"),
          "the worker names the record and the limit");
    } finally {
      kubectl("delete", "namespace", ns, "--wait=false");
    }
  }

  private static List<Case> cases() {
    List<Case> cases =
        new ArrayList<>(
            List.of(
                // First, so that every case after them shows the worker still serves runs.
                Case.run(
                    "archive of 1 GB from 1 MB",
                    Map.of("chart", HostileCharts.BOMB),
                    "decompressed chart is larger than the maximum file size 104857600"),
                Case.run(
                    "archive entry climbs out",
                    Map.of("chart", HostileCharts.CLIMB),
                    "chart illegally references parent directory"),
                Case.run(
                    "archive over 20 MiB",
                    Map.of("chart", HostileCharts.HUGE),
                    "over converge's limit of 20971520 bytes"),
                Case.field("unknown key", Map.of("replica", 3), "replica: unknown key"),
                Case.field("wrong type", Map.of("timeoutSeconds", "soon"), "timeoutSeconds"),
                Case.field("timeout out of range", Map.of("timeoutSeconds", -5), "timeoutSeconds"),
                Case.field(
                    "release not a DNS name",
                    Map.of("release", "Bad_Name"),
                    "must be a lowercase DNS name"),
                Case.field(
                    "namespace not a label",
                    Map.of("namespace", "UPPER"),
                    "must be a DNS-1123 label"),
                Case.field(
                    "kube context not a name",
                    Map.of("kubeContext", "a b/c"),
                    "is not a valid context name"),
                Case.field("values not an object", Map.of("values", "x"), "values"),
                Case.field("set not a list", Map.of("set", "a=b"), "set"),
                Case.field("valuesFiles not a list", Map.of("valuesFiles", 5), "valuesFiles"),
                Case.field("env wrong type", Map.of("env", List.of("prod")), "env"),
                Case.field(
                    "approval.required",
                    Map.of("approval", Map.of("required", "yes")),
                    "approval.required"),
                Case.raw("body is an array", "[]", 400, "request body must be a JSON object"),
                Case.raw(
                    "body is a string",
                    "\"converge please\"",
                    400,
                    "request body must be a JSON object"),
                Case.raw(
                    "body is not JSON", "{\"release\":", 400, "request body is not valid JSON"),
                Case.raw("body over the size limit", bigBody(), 413, "the limit is"),
                Case.raw("deeply nested values", nested(3000), 400, "nested too deeply"),
                Case.run(
                    "absolute chart path", Map.of("chart", "/etc"), "chart \"/etc\" is absolute"),
                Case.run(
                    "chart escapes with ..",
                    Map.of("chart", "../../etc"),
                    "leads outside the charts directory"),
                Case.run(
                    "values file escapes",
                    Map.of("valuesFiles", List.of("../../../../etc/passwd")),
                    "valuesFiles[0] \"../../../../etc/passwd\" leads outside"),
                Case.run(
                    "absolute values file",
                    Map.of("valuesFiles", List.of("/etc/passwd")),
                    "valuesFiles[0] \"/etc/passwd\" is absolute"),
                Case.run(
                    "absolute set-file",
                    Map.of("setFile", List.of("stolen=/etc/hostname")),
                    "setFile[0] \"/etc/hostname\" is absolute"),
                Case.run(
                    "set-file escapes",
                    Map.of("setFile", List.of("stolen=../../../../etc/hostname")),
                    "leads outside the charts directory"),
                Case.run(
                    "chart not found",
                    Map.of("chart", "examples/nope"),
                    "chart not found: examples/nope"),
                Case.run(
                    "chart dir without Chart.yaml",
                    Map.of("chart", "examples/bad"),
                    "has no Chart.yaml"),
                Case.run(
                    "values file not found",
                    Map.of("valuesFiles", List.of("examples/nope.yaml")),
                    "values file examples/nope.yaml not found"),
                Case.field(
                    "set without value",
                    Map.of("set", List.of("image.tag")),
                    "set[0]: 'image.tag' must look like path=value"),
                Case.run("setJson not JSON", Map.of("setJson", List.of("a={")), "setJson[0]"),
                Case.run(
                    "unknown kube context",
                    Map.of("kubeContext", "nope"),
                    "kube context 'nope' is not configured"),
                Case.run(
                    "schema violation",
                    Map.of(
                        "chart", "examples/corpus/values-schema", "set", List.of("replicaCount=0")),
                    "replicaCount"),
                Case.run("API-invalid name", bad("invalid-name"), "Not_A_Valid_Name"),
                Case.run("port out of range", bad("bad-port"), "99999"),
                Case.run(
                    "first install, new namespace",
                    Map.of("chart", "examples/bad/bad-port", "namespace", NS + "-new"),
                    "99999"),
                Case.run(
                    "field of the wrong type",
                    bad("wrong-type"),
                    "field spec.replicas has a value of the wrong type"),
                Case.run(
                    "unknown kind",
                    bad("unknown-kind"),
                    "unknown kind Gizmo (apiVersion nowhere.example.com/v1)"),
                Case.run("template error", bad("template-error"), "bad.yaml"),
                Case.run(
                    "invalid YAML output", bad("invalid-yaml"), "invalid-yaml/templates/bad.yaml"),
                Case.run("object without a name", bad("no-name"), "metadata.name"),
                Case.run("duplicate objects", bad("duplicate"), "duplicate"),
                Case.run("bad werf.io/weight", bad("bad-weight"), "werf.io/weight"),
                Case.run(
                    "kubeVersion not met",
                    bad("needs-new-kube"),
                    "chart requires kubeVersion: >=99.0.0-0 which is incompatible with Kubernetes v1.35"),
                Case.run("dependency missing", bad("missing-dependency"), "absent"),
                Case.run(
                    "library chart", bad("library-chart"), "library charts are not installable"),
                Case.run(
                    "namespace that does not exist",
                    bad("other-namespace"),
                    "no-such-namespace-anywhere"),
                Case.run("selector does not match", bad("missing-field"), "selector"),
                Case.run("bad hook delete policy", bad("hook-bad-policy"), "whenever"),
                Case.run("chart calls fail", bad("fail-call"), "this chart refuses")));
    return cases;
  }

  private static Map<String, Object> bad(String chart) {
    return Map.of("chart", "examples/bad/" + chart);
  }

  private static Map<String, Object> good(Map<String, Object> changes) {
    Map<String, Object> body =
        new LinkedHashMap<>(E2e.request(RELEASE, NS, "examples/corpus/notes"));
    body.put("timeoutSeconds", 120);
    body.putAll(changes);
    return body;
  }

  private static String bigBody() {
    return "{\"release\":\""
        + RELEASE
        + "\",\"namespace\":\""
        + NS
        + "\",\"chart\":\"examples/corpus/notes\",\"values\":{\"blob\":\""
        + "x".repeat(5 * 1024 * 1024)
        + "\"}}";
  }

  private static String nested(int depth) {
    return "{\"release\":\""
        + RELEASE
        + "\",\"namespace\":\""
        + NS
        + "\",\"chart\":\"examples/corpus/notes\",\"values\":"
        + "{\"a\":".repeat(depth)
        + "1"
        + "}".repeat(depth)
        + "}";
  }

  /**
   * Every object of the namespace with its resourceVersion, and the cluster's namespaces and CRDs.
   */
  private static String snapshot() {
    String objects =
        kubectl(
                "get",
                KINDS,
                "-n",
                NS,
                "-o",
                "jsonpath={range .items[*]}{.kind}/{.metadata.name}={.metadata.resourceVersion} {end}")
            .ok()
            .out();
    String cluster = kubectl("get", "namespaces,crds", "-o", "name").ok().out().replace('\n', ' ');
    return objects + "| " + cluster;
  }

  private static String message(String body) {
    try {
      JsonNode json = E2e.JSON.readTree(body);
      if (json.has("error") && !json.get("error").isNull()) {
        return json.get("error").asText() + (json.has("fields") ? " " + json.get("fields") : "");
      }
      return json.toString();
    } catch (Exception e) {
      return body;
    }
  }

  private static HttpResponse<String> post(Map<String, Object> body) {
    return send(E2e.json(body));
  }

  private static HttpResponse<String> send(String body) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + API_PORT + "/api/v1/converges?wait=true"))
              .timeout(Duration.ofMinutes(3))
              .header("Content-Type", "application/json")
              .header("Authorization", "Bearer " + API_TOKEN)
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
