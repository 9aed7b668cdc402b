package dev.converge.e2e;

import static dev.converge.e2e.Stack.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * A secret in {@code values}, started through the API: history holds it only encrypted, the codec
 * server gives it back to an authorised CLI, and the worker still deploys it.
 */
class CodecIT extends WithWorkerAndApi {
  private static final String SECRET = "s3cr3t-value-42";
  private static final String API = "http://127.0.0.1:" + API_PORT;

  @Test
  void aSecretValueIsInHistoryOnlyEncryptedAndTheCodecServerDecodesIt() throws Exception {
    String ns = E2e.namespace("i6b-codec");
    String id = E2e.workflowId(ns, "shop");
    Map<String, Object> request = E2e.request("shop", ns, "examples/shop");
    request.put("values", Map.of("apiKey", SECRET));

    HttpResponse<String> started = post("/api/v1/converges?wait=true", E2e.json(request));

    assertEquals(200, started.statusCode(), started.body());
    assertEquals("DEPLOYED", E2e.parse(started.body()).get("outcome").asText());
    JsonNode secret =
        E2e.parse(kubectl("get", "secret", "shop-secret", "-n", ns, "-o", "json").ok().out());
    assertEquals(
        SECRET,
        new String(
            Base64.getDecoder().decode(secret.at("/data/API_KEY").asText()),
            StandardCharsets.UTF_8),
        "the worker decrypted the values and deployed them");

    String plain = temporal("workflow", "show", "--workflow-id", id, "-o", "json").ok().out();
    assertTrue(
        plain.contains("binary/encrypted") || plain.contains("YmluYXJ5L2VuY3J5cHRlZA=="),
        "payloads are encrypted");
    assertNoSecret(plain, "workflow show without codec");
    assertNoSecret(
        temporal("workflow", "describe", "--workflow-id", id, "-o", "json").ok().out(),
        "workflow describe without codec");

    String decoded =
        temporal(
                "workflow",
                "show",
                "--workflow-id",
                id,
                "-o",
                "json",
                "--codec-endpoint",
                API + "/codec",
                "--codec-auth",
                "Bearer " + API_TOKEN)
            .ok()
            .out();
    assertTrue(
        E2e.payloadText(decoded).contains(SECRET),
        "the codec server decodes the input for a token holder");
    // Even decrypted, the value is only where the request itself travels: never in a result,
    // heartbeat, failure or the report (Secret manifests stay in the bundle store).
    List<String> carriers = new ArrayList<>();
    E2e.parse(decoded)
        .get("events")
        .forEach(
            event -> {
              if (E2e.payloadText(event.toString()).contains(SECRET)) {
                String activity =
                    event.at("/activityTaskScheduledEventAttributes/activityType/name").asText("");
                carriers.add(
                    event.get("eventType").asText() + (activity.isEmpty() ? "" : " " + activity));
              }
            });
    assertEquals(
        List.of(
            "EVENT_TYPE_WORKFLOW_EXECUTION_STARTED",
            "EVENT_TYPE_ACTIVITY_TASK_SCHEDULED RenderRelease"),
        carriers);

    for (Service service : List.of(worker, api)) {
      assertNoSecret(Files.readString(service.log), service.name + " log");
    }
  }

  /**
   * An object managed with {@code kubectl apply} carries its whole last applied state, Secret data
   * included, in an annotation; inspecting it for the plan must not copy that into history.
   */
  @Test
  void kubectlAppliedSecretDataNeverReachesHistory() throws Exception {
    String ns = E2e.namespace("i10-lastapplied");
    String id = E2e.workflowId(ns, "shop");
    String applied = "kubectl-applied-" + UUID.randomUUID();
    kubectl("create", "namespace", ns).ok();
    String secret =
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: shop-secret\n  namespace: "
            + ns
            + "\n  labels: {app.kubernetes.io/managed-by: Helm}\n  annotations: {meta.helm.sh/release-name: shop, meta.helm.sh/release-namespace: "
            + ns
            + "}\nstringData:\n  API_KEY: "
            + applied
            + "\n";
    Path file = Files.createTempFile("secret", ".yaml");
    Files.writeString(file, secret);
    kubectl("apply", "-f", file.toString()).ok();
    assertTrue(
        kubectl("get", "secret", "shop-secret", "-n", ns, "-o", "yaml")
            .ok()
            .out()
            .contains("last-applied-configuration"));

    HttpResponse<String> started =
        post("/api/v1/converges?wait=true", E2e.json(E2e.request("shop", ns, "examples/shop")));

    assertEquals(200, started.statusCode(), started.body());
    String decoded =
        temporal(
                "workflow",
                "show",
                "--workflow-id",
                id,
                "-o",
                "json",
                "--codec-endpoint",
                API + "/codec",
                "--codec-auth",
                "Bearer " + API_TOKEN)
            .ok()
            .out();
    assertFalse(
        E2e.payloadText(decoded).contains(applied),
        "kubectl's last applied Secret data is not in the decoded history");
    assertFalse(
        E2e.payloadText(decoded).contains("last-applied-configuration"),
        "nor the annotation at all");
    kubectl("delete", "namespace", ns, "--wait=false");
  }

  /**
   * A Secret rendered from a {@code set} value, then a render whose {@code fail} message quotes a
   * new value: neither is readable in history (failure messages included) nor in any blob of the
   * bundle store, read straight from the registry; the failure reads clearly through the codec
   * server and the REST status.
   */
  @Test
  void setValuesAndAFailMessageQuotingOneAreNowhereInPlaintextAndTheFailureStillReads()
      throws Exception {
    String ns = E2e.namespace("i21-rest");
    String id = E2e.workflowId(ns, "shop");
    String first = "set-key-" + UUID.randomUUID();
    String second = "bad-key-" + UUID.randomUUID();
    Map<String, Object> deploy = E2e.request("shop", ns, "examples/shop");
    deploy.put("set", List.of("apiKey=" + first));
    HttpResponse<String> deployed = post("/api/v1/converges?wait=true", E2e.json(deploy));
    assertEquals(200, deployed.statusCode(), deployed.body());

    Map<String, Object> failing = E2e.request("shop", ns, "examples/shop");
    failing.put("set", List.of("apiKey=" + second, "apiKeyPrefix=prod-"));
    HttpResponse<String> failed = post("/api/v1/converges?wait=true", E2e.json(failing));
    assertEquals(422, failed.statusCode(), failed.body());

    for (String value : List.of(first, second)) {
      for (Service service : List.of(worker, api)) {
        assertNoValue(Files.readString(service.log), value, service.name + " log");
      }
      assertNoValue(
          temporal("workflow", "show", "--workflow-id", id, "-o", "json").ok().out(),
          value,
          "history");
      assertNoValue(
          temporal("workflow", "describe", "--workflow-id", id, "-o", "json").ok().out(),
          value,
          "describe");
      for (String blob : registryBlobs("converge/bundles")) {
        assertNoValue(blob, value, "a blob of the bundle store");
      }
    }
    String described =
        temporal(
                "workflow",
                "describe",
                "--workflow-id",
                id,
                "-o",
                "json",
                "--codec-endpoint",
                API + "/codec",
                "--codec-auth",
                "Bearer " + API_TOKEN)
            .ok()
            .out();
    assertTrue(described.contains("must start with prod-"), "the failure decoded: " + described);
    HttpResponse<String> status =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(API + "/api/v1/converges/" + id))
                    .header("Authorization", "Bearer " + API_TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertTrue(status.body().contains("must start with prod-"), status.body());
  }

  /** Every blob of a repository as anyone who may read the registry gets it (gzip unpacked). */
  private static List<String> registryBlobs(String repository) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://" + Stack.REGISTRY + "/v2/" + repository;
    JsonNode tags =
        E2e.parse(
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "/tags/list")).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body())
            .path("tags");
    List<String> blobs = new ArrayList<>();
    for (JsonNode tag : tags) {
      JsonNode manifest =
          E2e.parse(
              http.send(
                      HttpRequest.newBuilder(URI.create(base + "/manifests/" + tag.asText()))
                          .header("Accept", "application/vnd.oci.image.manifest.v1+json")
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      for (JsonNode layer : manifest.path("layers")) {
        byte[] bytes =
            http.send(
                    HttpRequest.newBuilder(
                            URI.create(base + "/blobs/" + layer.path("digest").asText()))
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray())
                .body();
        blobs.add(new String(bytes, StandardCharsets.ISO_8859_1));
        try (var in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
          blobs.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException notGzip) {
          // sealed or plain: read as it is above
        }
      }
    }
    assertFalse(blobs.isEmpty(), "the bundle store holds blobs");
    return blobs;
  }

  @Test
  void theCodecServerRefusesCallersWithoutAToken() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(API + "/codec/decode"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"payloads\":[]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(401, response.statusCode());
  }

  /**
   * The Temporal UI's way in: a browser signs in on /codec/login once and then decodes by its
   * session cookie, which the real server sets HttpOnly and SameSite=Strict; an Origin alone, or a
   * made-up cookie, decodes nothing, and the cookie opens no API path.
   */
  @Test
  void aBrowserSignedInOnTheLoginPageDecodesByItsCookieAndNothingMadeUpDoes() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String plain =
        "{\"payloads\":[{\"metadata\":{\"encoding\":\""
            + base64("json/plain")
            + "\"},\"data\":\""
            + base64("\"" + SECRET + "\"")
            + "\"}]}";
    String encoded = post("/codec/encode", plain).body();
    assertFalse(encoded.contains(base64("\"" + SECRET + "\"")), encoded);

    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(URI.create(API + "/codec/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "token=" + URLEncoder.encode(API_TOKEN, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, login.statusCode(), login.body());
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    HttpResponse<String> decoded =
        http.send(
            uiCall("/codec/decode", encoded).header("Cookie", cookie).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, decoded.statusCode(), decoded.body());
    assertTrue(E2e.payloadText(decoded.body()).contains(SECRET), decoded.body());

    assertEquals(
        401,
        http.send(uiCall("/codec/decode", encoded).build(), HttpResponse.BodyHandlers.ofString())
            .statusCode());
    assertEquals(
        401,
        http.send(
                uiCall("/codec/decode", encoded)
                    .header("Cookie", "converge_codec=" + API_TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .statusCode());
    assertEquals(
        401,
        http.send(
                HttpRequest.newBuilder(URI.create(API + "/api/v1/converges/converge/default/x/y"))
                    .header("Cookie", cookie)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .statusCode());
  }

  private static HttpRequest.Builder uiCall(String path, String body) {
    return HttpRequest.newBuilder(URI.create(API + path))
        .header("Origin", "http://127.0.0.1:8233")
        .header("Content-Type", "application/json")
        .header("X-Namespace", "default")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertNoSecret(String text, String where) {
    assertNoValue(text, SECRET, where);
  }

  /** Plaintext, in a decoded payload, or base64 of it at any of the three byte alignments. */
  private static void assertNoValue(String text, String value, String where) {
    assertFalse(text.contains(value), "plaintext secret in " + where);
    if (text.startsWith("{")) {
      assertFalse(E2e.payloadText(text).contains(value), "secret in a payload of " + where);
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    for (int shift = 0; shift < 3; shift++) {
      byte[] padded = new byte[bytes.length + shift];
      System.arraycopy(bytes, 0, padded, shift, bytes.length);
      String b64 = Base64.getEncoder().encodeToString(padded);
      String stable =
          b64.substring(shift == 0 ? 0 : 4, b64.length() - 4); // drop chunks touched by padding
      assertFalse(text.contains(stable), "base64 of the secret in " + where);
    }
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(API + path))
            .header("Authorization", "Bearer " + API_TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
