package dev.converge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.registry.OciBlobStore;
import dev.converge.registry.Registries;
import dev.converge.registry.RegistrySettings;
import dev.converge.workflows.codec.CodecKeys;
import dev.converge.workflows.codec.OffloadingCodec;
import dev.converge.workflows.model.ConvergeResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Small helpers shared by the ITs: JSON, a Temporal client, unique namespaces, waiting. */
final class E2e {
  static final ObjectMapper JSON = new ObjectMapper();

  private E2e() {}

  static WorkflowClient temporalClient() {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(Stack.TEMPORAL).build());
    var aes =
        CodecKeys.codec(Map.of(Stack.CODEC_KEY_ID, Stack.CODEC_KEY), Stack.CODEC_KEY_ID)
            .orElseThrow();
    var registries =
        new Registries(
            new RegistrySettings(
                null, Map.of(Stack.REGISTRY, new RegistrySettings.Host(true, null, null))));
    var offloading =
        new OffloadingCodec(
            new OciBlobStore(
                registries,
                "oci://" + Stack.REGISTRY + "/converge/bundles",
                Path.of(System.getProperty("java.io.tmpdir"))),
            Integer.MAX_VALUE);
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace("default")
            .setDataConverter(CodecKeys.dataConverter(OffloadingCodec.after(aes, offloading)))
            .build());
  }

  static String namespace(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
  }

  static String workflowId(String namespace, String release) {
    return "converge/default/" + namespace + "/" + release;
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * {@code temporal workflow show -o json} prints payload data as base64: every "data" field
   * decoded, one per line.
   */
  static String payloadText(String json) {
    StringBuilder out = new StringBuilder();
    parse(json)
        .findValues("data")
        .forEach(
            node -> {
              if (node.isTextual()) {
                try {
                  out.append(
                          new String(
                              Base64.getDecoder().decode(node.asText()), StandardCharsets.UTF_8))
                      .append('\n');
                } catch (IllegalArgumentException notBase64) {
                  out.append(node.asText()).append('\n');
                }
              }
            });
    return out.toString();
  }

  static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  static ConvergeResult result(WorkflowClient client, String workflowId) throws Exception {
    return client
        .newUntypedWorkflowStub(workflowId)
        .getResult(300, TimeUnit.SECONDS, ConvergeResult.class);
  }

  static WorkflowStub stub(WorkflowClient client, String workflowId) {
    return client.newUntypedWorkflowStub(workflowId);
  }

  static Map<String, Object> request(String release, String namespace, String chart) {
    return new LinkedHashMap<>(Map.of("release", release, "namespace", namespace, "chart", chart));
  }

  static void waitUntil(String what, int seconds, BooleanSupplier condition) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + seconds + "s for " + what);
      }
      Stack.sleep(500);
    }
  }

  /** helm's own view of the release: revision -> status. */
  static Map<Integer, String> helmHistory(String release, String namespace) {
    JsonNode history =
        parse(Stack.helm("history", release, "-n", namespace, "-o", "json").ok().out());
    Map<Integer, String> out = new TreeMap<>();
    history.forEach(h -> out.put(h.get("revision").asInt(), h.get("status").asText()));
    return out;
  }

  /** Objects of the release manifest (as the Helm CLI reads it back), as Kind/name. */
  static Set<String> manifestObjects(String release, String namespace) {
    Set<String> out = new TreeSet<>();
    String kind = null;
    for (String line :
        Stack.helm("get", "manifest", release, "-n", namespace).ok().out().lines().toList()) {
      if (line.startsWith("kind: ")) {
        kind = line.substring(6).trim();
      } else if (line.startsWith("  name: ") && kind != null) {
        out.add(kind + "/" + line.substring(8).trim());
        kind = null;
      }
    }
    return out;
  }

  /** Objects labeled as Helm-managed in the namespace, as Kind/name (revision Secrets are not). */
  static Set<String> helmManagedObjects(String namespace, String kinds) {
    String out =
        Stack.kubectl(
                "get",
                kinds,
                "-n",
                namespace,
                "-l",
                "app.kubernetes.io/managed-by=Helm",
                "-o",
                "jsonpath={range .items[*]}{.kind}/{.metadata.name}{\"\\n\"}{end}")
            .ok()
            .out();
    return new TreeSet<>(out.lines().filter(l -> !l.isBlank()).toList());
  }
}
