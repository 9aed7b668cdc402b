package dev.converge.activities.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The one place that teaches the fabric8 CRUD mock server-side apply (it answers 404/415
 * otherwise): an apply patch becomes a create or a recursive merge, and {@code dryRun=All} answers
 * without storing (the stock mock stores dry runs). Field ownership is not modelled; the real tier
 * proves that part. Discovery of the core group answers for the few kinds tests look up by
 * discovery (external dependencies).
 */
public final class ApplyAwareCrudDispatcher extends KubernetesCrudDispatcher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public static KubernetesMockServer newServer() {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new ApplyAwareCrudDispatcher(),
            false);
    server.init();
    return server;
  }

  private static final String CORE_DISCOVERY =
      "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":["
          + "{\"name\":\"configmaps\",\"singularName\":\"configmap\",\"namespaced\":true,\"kind\":\"ConfigMap\",\"verbs\":[\"get\"]},"
          + "{\"name\":\"secrets\",\"singularName\":\"secret\",\"namespaced\":true,\"kind\":\"Secret\",\"verbs\":[\"get\"]}]}";

  /** The body of the last server-side apply, so tests can see what was sent, not only merged. */
  static volatile String lastApplyBody = "";

  @Override
  public MockResponse handleGet(String path) {
    if ("/api/v1".equals(path)) {
      return new MockResponse()
          .setResponseCode(200)
          .setHeader("Content-Type", "application/json")
          .setBody(CORE_DISCOVERY);
    }
    return super.handleGet(path);
  }

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    String contentType = request.getHeader("Content-Type");
    if (contentType == null || !contentType.startsWith("application/apply-patch")) {
      return super.handlePatch(request);
    }
    String fullPath = request.getPath();
    boolean dryRun = fullPath.contains("dryRun=All");
    String path = fullPath.contains("?") ? fullPath.substring(0, fullPath.indexOf('?')) : fullPath;
    String body = request.getUtf8Body();
    lastApplyBody = body;
    Map<String, Object> patch = read(body);
    MockResponse current = handleGet(path);
    if (current.code() == 404) {
      if (dryRun) {
        return json(201, withUid(patch));
      }
      String collection = path.substring(0, path.lastIndexOf('/'));
      return handleCreate(request(HttpMethod.POST, collection, patch));
    }
    Map<String, Object> merged = merge(read(current.getBody().readUtf8()), patch);
    return dryRun ? json(200, merged) : handleUpdate(request(HttpMethod.PUT, path, merged));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> patch) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    patch.forEach(
        (key, value) -> {
          Object old = out.get(key);
          if (old instanceof Map && value instanceof Map) {
            out.put(key, merge((Map<String, Object>) old, (Map<String, Object>) value));
          } else {
            out.put(key, value);
          }
        });
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withUid(Map<String, Object> object) {
    Map<String, Object> copy = new LinkedHashMap<>(object);
    Map<String, Object> meta =
        new LinkedHashMap<>((Map<String, Object>) copy.getOrDefault("metadata", Map.of()));
    meta.put("uid", UUID.randomUUID().toString());
    copy.put("metadata", meta);
    return copy;
  }

  private static RecordedRequest request(HttpMethod method, String path, Map<String, Object> body) {
    Headers headers = Headers.builder().add("Content-Type", "application/json").build();
    return new RecordedRequest(
        "HTTP/1.1", method, path, headers, new Buffer().writeUtf8(write(body)));
  }

  private static MockResponse json(int code, Map<String, Object> body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(write(body));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(String text) {
    try {
      return YAML.readValue(text, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String write(Map<String, Object> body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
