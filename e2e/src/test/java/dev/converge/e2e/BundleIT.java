package dev.converge.e2e;

import static dev.converge.e2e.Stack.API_PORT;
import static dev.converge.e2e.Stack.API_TOKEN;
import static dev.converge.e2e.Stack.REGISTRY;
import static dev.converge.e2e.Stack.REGISTRY_AUTH;
import static dev.converge.e2e.Stack.STATE;
import static dev.converge.e2e.Stack.helm;
import static dev.converge.e2e.Stack.kubectl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bundles for real: examples/shop published with production and acceptance values to the htpasswd
 * registry through our API, then read by the Helm CLI (pull, template as Argo CD does, install),
 * applied by tag and by digest, refused when the tag is reused, copied and applied from the copy;
 * wrong credentials fail before any write.
 */
class BundleIT extends WithWorkerAndApi {
  private static final String API = "http://127.0.0.1:" + API_PORT;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String REPOSITORY = "oci://" + REGISTRY_AUTH + "/bundles/shop";
  private static final Path HELM_REGISTRY_CONFIG =
      STATE.resolve("registry-auth/docker-config.json");

  /** The registry keeps what earlier runs pushed: a fresh tag per run. */
  private static final String TAG = "1.0." + (System.currentTimeMillis() / 1000 % 10_000_000);

  private static JsonNode published;

  @BeforeAll
  static void publish() throws Exception {
    HttpResponse<String> response =
        post("/api/v1/bundles/publish?wait=true", publishRequest(TAG, List.of()));
    assertEquals(200, response.statusCode(), response.body());
    published = E2e.parse(response.body());
  }

  private static Map<String, Object> publishRequest(String tag, List<String> set) {
    return Map.of(
        "chart",
        "examples/shop",
        "env",
        "production",
        "valuesFiles",
        List.of("examples/shop/values-prod.yaml", "examples/shop/values-acceptance.yaml"),
        "set",
        set,
        "repository",
        REPOSITORY,
        "tag",
        tag);
  }

  @Test
  void theBundleIsAHelmChartThatHelmTemplateRendersAsOurConvergeDeploysIt() throws Exception {
    assertEquals(TAG, published.get("chartVersion").asText());
    assertTrue(published.get("digest").asText().startsWith("sha256:"), published.toString());
    Path pulled = Files.createTempDirectory("helm-pull");
    helm(
            "pull",
            REPOSITORY,
            "--version",
            TAG,
            "--plain-http",
            "--registry-config",
            HELM_REGISTRY_CONFIG.toString(),
            "-d",
            pulled.toString())
        .ok();
    Path chart = pulled.resolve("shop-" + TAG + ".tgz");
    assertTrue(Files.isRegularFile(chart), "helm pull wrote " + List.of(pulled.toFile().list()));

    String ns = E2e.namespace("i11-bundle");
    HttpResponse<String> converge =
        post(
            "/api/v1/converges?wait=true",
            Map.of(
                "release",
                "shop",
                "namespace",
                ns,
                "chart",
                REPOSITORY + ":" + TAG,
                "timeoutSeconds",
                300));
    assertEquals(200, converge.statusCode(), converge.body());
    JsonNode report = E2e.parse(converge.body());
    assertEquals("DEPLOYED", report.get("outcome").asText());
    assertEquals(
        REPOSITORY + ":" + TAG + "@" + published.get("digest").asText(),
        report.get("chart").asText());

    // What Argo CD does with an OCI source: helm template of the pulled chart, values baked in.
    String template = helm("template", "shop", chart.toString(), "-n", ns).ok().out();
    assertEquals(
        objects(template, false),
        objects(helm("get", "manifest", "shop", "-n", ns).ok().out(), false));
    Set<String> hooks = names(objects(template, true));
    assertTrue(hooks.contains("Job/shop-acceptance-test"), hooks.toString());
    assertTrue(hooks.contains("Job/shop-migrate"), hooks.toString());
    // The acceptance test ran as a post-install hook of the apply and passed.
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
    // Baked in: production values without any values file at apply time.
    assertTrue(template.contains("registry.local/shop/web:1.1"), "production image in the bundle");
    JsonNode metadata =
        E2e.parse(helm("get", "metadata", "shop", "-n", ns, "-o", "json").ok().out());
    assertEquals(TAG, metadata.get("version").asText());

    String helmNs = E2e.namespace("i11-helm");
    helm(
            "install",
            "shop",
            REPOSITORY,
            "--version",
            TAG,
            "--plain-http",
            "--registry-config",
            HELM_REGISTRY_CONFIG.toString(),
            "-n",
            helmNs,
            "--create-namespace",
            "--timeout",
            "120s")
        .ok();
    assertEquals(Map.of(1, "deployed"), E2e.helmHistory("shop", helmNs));
  }

  @Test
  void applyByDigestRendersTheSameRelease() throws Exception {
    String digest = published.get("digest").asText();
    String ns = E2e.namespace("i11-digest");
    HttpResponse<String> converge =
        post(
            "/api/v1/converges?wait=true",
            Map.of(
                "release",
                "shop",
                "namespace",
                ns,
                "chart",
                REPOSITORY + "@" + digest,
                "timeoutSeconds",
                300));
    assertEquals(200, converge.statusCode(), converge.body());
    assertEquals(REPOSITORY + "@" + digest, E2e.parse(converge.body()).get("chart").asText());
    assertEquals(
        Set.of(
            "ConfigMap/shop-config",
            "Deployment/shop-web",
            "Secret/shop-secret",
            "Service/shop-web",
            "Service/shop-redis",
            "StatefulSet/shop-redis"),
        E2e.manifestObjects("shop", ns));
  }

  @Test
  void aPublishedTagIsNeverOverwrittenAndRepublishingTheSameContentIsANoOp() throws Exception {
    HttpResponse<String> again =
        post("/api/v1/bundles/publish?wait=true", publishRequest(TAG, List.of()));
    assertEquals(200, again.statusCode(), again.body());
    assertTrue(E2e.parse(again.body()).get("alreadyPublished").asBoolean(), again.body());
    assertEquals(published.get("digest").asText(), E2e.parse(again.body()).get("digest").asText());

    HttpResponse<String> other =
        post("/api/v1/bundles/publish?wait=true", publishRequest(TAG, List.of("web.replicas=4")));
    assertEquals(409, other.statusCode(), other.body());
    JsonNode refusal = E2e.parse(other.body());
    assertEquals("TagExists", refusal.get("type").asText());
    assertTrue(
        refusal.get("error").asText().contains(published.get("digest").asText()), other.body());
  }

  @Test
  void aCopyKeepsTheDigestAndDeploysLikeTheOriginal() throws Exception {
    String target = "oci://" + REGISTRY + "/acceptance/shop";
    HttpResponse<String> copy =
        post(
            "/api/v1/bundles/copy?wait=true", Map.of("from", REPOSITORY + ":" + TAG, "to", target));
    assertEquals(200, copy.statusCode(), copy.body());
    assertEquals(published.get("digest").asText(), E2e.parse(copy.body()).get("digest").asText());

    String ns = E2e.namespace("i11-copy");
    HttpResponse<String> converge =
        post(
            "/api/v1/converges?wait=true",
            Map.of(
                "release",
                "shop",
                "namespace",
                ns,
                "chart",
                target + ":" + TAG,
                "timeoutSeconds",
                300));
    assertEquals(200, converge.statusCode(), converge.body());
    assertTrue(
        E2e.parse(converge.body())
            .get("chart")
            .asText()
            .endsWith("@" + published.get("digest").asText()));
  }

  @Test
  void wrongCredentialsFailClearlyBeforeAnyWrite() throws Exception {
    Path config = Files.createTempFile("docker-config", ".json");
    String auth = Base64.getEncoder().encodeToString("converge:wrong".getBytes());
    Files.writeString(
        config, "{\"auths\":{\"" + REGISTRY_AUTH + "\":{\"auth\":\"" + auth + "\"}}}");
    String queue = "converge-badcreds-" + System.nanoTime();
    try (Stack.Service bad =
        Stack.Service.worker(
            "worker-badcreds",
            Map.of("CONVERGE_TASK_QUEUE", queue, "CONVERGE_DOCKER_CONFIG", config.toString()))) {
      WorkflowClient client = E2e.temporalClient();
      String ns = E2e.namespace("i11-badcreds");
      String id = E2e.workflowId(ns, "shop");
      var stub =
          client.newUntypedWorkflowStub(
              "ConvergeWorkflow",
              WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(id).build());
      stub.start(Map.of("release", "shop", "namespace", ns, "chart", REPOSITORY + ":" + TAG));
      WorkflowFailedException failed =
          Assertions.assertThrows(
              WorkflowFailedException.class,
              () -> stub.getResult(120, TimeUnit.SECONDS, Object.class));
      String message = ((ApplicationFailure) failed.getCause()).getOriginalMessage();
      assertTrue(
          message.contains("refused") && message.contains("credentials for " + REGISTRY_AUTH),
          message);
      assertNotEquals(
          0, kubectl("get", "namespace", ns).exit(), "nothing was written: not even the namespace");
    }
  }

  @Test
  void aChartPushedByHelmItselfConvergesByTag() throws Exception {
    Path packaged = Files.createTempDirectory("helm-package");
    helm("package", "examples/replicas", "-d", packaged.toString()).ok();
    Path archive;
    try (var files = Files.list(packaged)) {
      archive = files.findFirst().orElseThrow();
    }
    helm("push", archive.toString(), "oci://" + REGISTRY + "/helm-pushed", "--plain-http").ok();
    String version = archive.getFileName().toString().replaceAll("^replicas-(.*)\\.tgz$", "$1");
    String ns = E2e.namespace("i11-helmpushed");
    HttpResponse<String> converge =
        post(
            "/api/v1/converges?wait=true",
            Map.of(
                "release",
                "replicas",
                "namespace",
                ns,
                "chart",
                "oci://" + REGISTRY + "/helm-pushed/replicas:" + version,
                "timeoutSeconds",
                300));
    assertEquals(200, converge.statusCode(), converge.body());
    assertEquals("DEPLOYED", E2e.parse(converge.body()).get("outcome").asText());
  }

  @Test
  void theCiScriptPublishesAndCopiesThroughAnArchive() throws Exception {
    String tag = TAG + "-ci";
    String repository = "oci://" + REGISTRY + "/ci/shop";
    Path archives = Files.createDirectories(Stack.ROOT.resolve("e2e/target/bundle-archives"));
    String archive = "archive:e2e/target/bundle-archives/shop-" + tag + ".tar.gz";
    Stack.Result publish =
        ci(
            "--publish-bundle",
            "--chart",
            "examples/shop",
            "--values-file",
            "examples/shop/values-prod.yaml",
            "--env",
            "staging",
            "--repository",
            repository,
            "--tag",
            tag);
    assertEquals(0, publish.exit(), publish.out() + publish.err());
    assertTrue(
        publish.out().startsWith("published " + repository + ":" + tag + "@sha256:"),
        publish.out());
    String digest = publish.out().replaceAll("(?s).*@(sha256:[0-9a-f]{64}).*", "$1");

    Stack.Result toArchive = ci("--copy-bundle", "--from", repository + ":" + tag, "--to", archive);
    assertEquals(0, toArchive.exit(), toArchive.out() + toArchive.err());
    assertTrue(Files.size(archives.resolve("shop-" + tag + ".tar.gz")) > 0);
    Stack.Result back =
        ci(
            "--copy-bundle",
            "--from",
            archive,
            "--to",
            "oci://" + REGISTRY_AUTH + "/restored/shop:" + tag);
    assertEquals(0, back.exit(), back.out() + back.err());
    assertTrue(back.out().contains("@" + digest), back.out());

    Stack.Result reused =
        ci(
            "--publish-bundle",
            "--chart",
            "examples/shop",
            "--env",
            "production",
            "--repository",
            repository,
            "--tag",
            tag);
    assertEquals(1, reused.exit(), reused.out() + reused.err());
    assertTrue(reused.err().contains("exists with other content"), reused.err());
  }

  private static Stack.Result ci(String... args) {
    List<String> command = new ArrayList<>(List.of("bash", "deploy/converge-ci.sh"));
    command.addAll(List.of(args));
    return Stack.run(command, Map.of("CONVERGE_API", API, "CONVERGE_API_TOKEN", API_TOKEN), 300);
  }

  private static Set<String> names(Set<Map<String, Object>> objects) {
    Set<String> names = new HashSet<>();
    for (Map<String, Object> object : objects) {
      names.add(object.get("kind") + "/" + ((Map<?, ?>) object.get("metadata")).get("name"));
    }
    return names;
  }

  /** The documents of a manifest stream, hooks only or everything but hooks. */
  @SuppressWarnings("unchecked")
  private static Set<Map<String, Object>> objects(String yaml, boolean hooks) throws Exception {
    Set<Map<String, Object>> out = new HashSet<>();
    try (MappingIterator<Object> docs = new YAMLMapper().readerFor(Object.class).readValues(yaml)) {
      while (docs.hasNextValue()) {
        if (docs.nextValue() instanceof Map<?, ?> doc
            && doc.get("metadata") instanceof Map<?, ?> meta) {
          boolean hook =
              meta.get("annotations") instanceof Map<?, ?> a && a.containsKey("helm.sh/hook");
          if (hook == hooks) {
            out.add((Map<String, Object>) doc);
          }
        }
      }
    }
    return out;
  }

  private static HttpResponse<String> post(String path, Object body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(API + path))
            .header("Authorization", "Bearer " + API_TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(E2e.json(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
