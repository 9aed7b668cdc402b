package dev.converge.e2e;

import static dev.converge.e2e.Stack.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.Outcome;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * examples/corpus: one chart per pattern of popular public charts. Each is installed and upgraded
 * by converge, and each render is compared object by object with what the Helm CLI renders for the
 * same cluster and release ({@code helm install/upgrade --dry-run=server}). The only differences
 * allowed are named in {@link #KNOWN}.
 */
class CorpusIT {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String RELEASE = "r1";
  private static Service worker;
  private static WorkflowClient client;

  /**
   * Where converge and Helm legitimately differ. Install of a chart whose custom resources come
   * with their CRD: Helm maps every object before creating any, so its dry run fails ("resource
   * mapping not found"); converge applies the CRD first (as werf does). Helm's upgrade dry run,
   * once the CRD exists, is compared as usual.
   */
  private static final Map<String, String> KNOWN =
      Map.of(
          "subchart-crds", "install: Helm cannot dry-run custom resources before their CRD exists",
          "template-crd", "install: Helm cannot dry-run custom resources before their CRD exists");

  @BeforeAll
  static void start() {
    worker = Service.worker("worker-corpus-it");
    client = E2e.temporalClient();
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.close();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "kube-version",
        "api-versions-gate",
        "lookup-secret",
        "is-upgrade",
        "subchart-crds",
        "template-crd",
        "library-tgz",
        "values-schema",
        "empty-values",
        "tpl-hook",
        "test-hooks",
        "notes",
        "ttl-hook"
      })
  void installAndUpgradeRenderAsHelmDoes(String chart) throws Exception {
    String ns = E2e.namespace("corpus-" + chart);
    String path = "examples/corpus/" + chart;
    // A CRD in templates belongs to one release: each run gets its own API group.
    String group = ns + ".corpus.converge.dev";
    List<String> base = chart.equals("template-crd") ? List.of("crd.group=" + group) : List.of();
    try {
      kubectl("create", "namespace", ns).ok();
      Result helmInstall = helm(dryRun("install", path, ns, base));
      ConvergeResult installed = converge(ns, path, base);
      assertEquals(Outcome.DEPLOYED, installed.outcome(), installed.toString());
      assertEquals(1, installed.revision());
      if (helmInstall.exit() != 0 && KNOWN.containsKey(chart)) {
        // Only where the CRD is not in the cluster yet (a fresh stack); otherwise compared below.
        assertTrue(helmInstall.err().contains("resource mapping not found"), helmInstall.err());
      } else {
        assertEquals(0, helmInstall.exit(), helmInstall.err());
        assertSameObjects(
            chart + " install",
            helmRelease(helmInstall.out()),
            ourRelease(ns),
            chart.equals("lookup-secret"));
      }
      Map<String, String> before = snapshot(chart, ns);

      List<String> upgrade = new ArrayList<>(base);
      upgrade.add("message=v2");
      Result helmUpgrade = helm(dryRun("upgrade", path, ns, upgrade));
      assertEquals(0, helmUpgrade.exit(), helmUpgrade.err());
      ConvergeResult upgraded = converge(ns, path, upgrade);
      assertEquals(Outcome.DEPLOYED, upgraded.outcome(), upgraded.toString());
      assertEquals(2, upgraded.revision());
      assertSameObjects(chart + " upgrade", helmRelease(helmUpgrade.out()), ourRelease(ns), false);
      checkPattern(chart, ns, before);
    } finally {
      kubectl("delete", "namespace", ns, "--wait=false");
      if (!base.isEmpty()) {
        kubectl("delete", "crd", "gadgets." + group, "--wait=false");
      }
    }
  }

  private static String[] dryRun(String verb, String chart, String ns, List<String> set) {
    List<String> args =
        new ArrayList<>(
            List.of(
                verb,
                RELEASE,
                ROOT.resolve(chart).toString(),
                "-n",
                ns,
                "--dry-run=server",
                "-o",
                "json"));
    set.forEach(s -> args.addAll(List.of("--set", s)));
    return args.toArray(String[]::new);
  }

  /** What each pattern must do on the cluster, beyond rendering like Helm. */
  private static void checkPattern(String chart, String ns, Map<String, String> before) {
    switch (chart) {
      case "kube-version" -> assertEquals("v1.35.4", configValue(ns, "r1-config", "kubeVersion"));
      case "api-versions-gate" ->
          assertEquals(
              "policy/v1",
              kubectl("get", "pdb", "r1-pdb", "-n", ns, "-o", "jsonpath={.apiVersion}")
                  .ok()
                  .out()
                  .trim());
      case "lookup-secret" ->
          assertEquals(
              before.get("password"), secretPassword(ns), "lookup kept the generated password");
      case "is-upgrade" -> {
        assertEquals("upgrade", configValue(ns, "r1-config", "mode"));
        assertEquals("2", configValue(ns, "r1-config", "revision"));
        assertEquals("install", before.get("mode"));
      }
      case "subchart-crds" ->
          assertEquals(
              0, kubectl("get", "widgets.corpus.converge.dev", "r1-large", "-n", ns).exit());
      case "template-crd" ->
          assertEquals(
              0,
              kubectl("get", "gadgets." + ns + ".corpus.converge.dev", "r1-gadget", "-n", ns)
                  .exit());
      case "test-hooks" ->
          assertEquals("", named(ns, "pods", "test"), "test hooks belong to helm test");
      case "notes" -> {
        String notes =
            E2e.parse(helm("status", RELEASE, "-n", ns, "-o", "json").ok().out())
                .path("info")
                .path("notes")
                .asText();
        assertTrue(
            notes.contains("PARENT-NOTES release=r1") && notes.contains("revision=2"), notes);
        assertFalse(notes.contains("SUBCHART-NOTES"), notes);
      }
      case "ttl-hook" -> {
        assertEquals("v2", configValue(ns, "r1-config", "message"));
        assertEquals(
            "",
            named(ns, "jobs,serviceaccounts,roles,rolebindings", "r1-admission"),
            "the hooks and their RBAC removed themselves");
      }
      default ->
          assertEquals(
              "v2",
              configValue(
                  ns,
                  chart.equals("library-tgz") ? "r1-library-tgz-config" : "r1-config",
                  "message"));
    }
  }

  /** Names of the objects of these kinds whose name contains the fragment, run together. */
  private static String named(String ns, String kinds, String fragment) {
    return kubectl("get", kinds, "-n", ns, "-o", "name")
        .ok()
        .out()
        .lines()
        .filter(n -> n.contains(fragment))
        .reduce("", String::concat);
  }

  private static Map<String, String> snapshot(String chart, String ns) {
    return switch (chart) {
      case "lookup-secret" -> Map.of("password", secretPassword(ns));
      case "is-upgrade" -> Map.of("mode", configValue(ns, "r1-config", "mode"));
      default -> Map.of();
    };
  }

  private static String secretPassword(String ns) {
    return kubectl("get", "secret", "r1-auth", "-n", ns, "-o", "jsonpath={.data.password}")
        .ok()
        .out()
        .trim();
  }

  private static String configValue(String ns, String name, String key) {
    return kubectl("get", "configmap", name, "-n", ns, "-o", "jsonpath={.data." + key + "}")
        .ok()
        .out()
        .trim();
  }

  private static ConvergeResult converge(String ns, String chart, List<String> set)
      throws Exception {
    Map<String, Object> input = E2e.request(RELEASE, ns, chart);
    input.put("set", set);
    input.put("timeoutSeconds", 180);
    String id = E2e.workflowId(ns, RELEASE);
    client
        .newUntypedWorkflowStub(
            "ConvergeWorkflow",
            WorkflowOptions.newBuilder().setTaskQueue(TASK_QUEUE).setWorkflowId(id).build())
        .start(input);
    try {
      return E2e.result(client, id);
    } catch (WorkflowFailedException e) {
      ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, e.getCause());
      throw new AssertionError(chart + ": " + failure.getOriginalMessage(), e);
    }
  }

  /** The release converge wrote, as the Helm CLI reads it. */
  private static Map<String, JsonNode> ourRelease(String ns) {
    return helmRelease(helm("status", RELEASE, "-n", ns, "-o", "json").ok().out());
  }

  /** Manifest and hooks of a Helm release JSON, each object keyed by kind/namespace/name. */
  private static Map<String, JsonNode> helmRelease(String json) {
    JsonNode release = E2e.parse(json);
    Map<String, JsonNode> objects = new TreeMap<>();
    addDocuments(objects, release.path("manifest").asText(), false);
    for (JsonNode hook : release.path("hooks")) {
      addDocuments(objects, hook.path("manifest").asText(), true);
    }
    return objects;
  }

  private static void addDocuments(Map<String, JsonNode> into, String text, boolean hook) {
    try {
      for (JsonNode doc : YAML.readValues(YAML.createParser(text), JsonNode.class).readAll()) {
        if (doc == null || doc.isNull() || doc.isMissingNode()) {
          continue;
        }
        String key =
            (hook ? "hook " : "")
                + doc.path("kind").asText()
                + "/"
                + doc.path("metadata").path("namespace").asText("")
                + "/"
                + doc.path("metadata").path("name").asText();
        into.put(key, doc);
      }
    } catch (IOException e) {
      throw new AssertionError("not YAML: " + text, e);
    }
  }

  /**
   * @param randomPassword the install render of lookup-secret: both sides generated their own
   *     random password (nothing to look up yet), so only that one field may differ
   */
  private static void assertSameObjects(
      String what, Map<String, JsonNode> helm, Map<String, JsonNode> ours, boolean randomPassword) {
    assertEquals(helm.keySet(), ours.keySet(), what + ": the same objects");
    List<String> differ = new ArrayList<>();
    helm.forEach(
        (key, helmObject) -> {
          JsonNode ourObject = ours.get(key);
          if (randomPassword && key.startsWith("Secret/") && key.endsWith("/r1-auth")) {
            ((ObjectNode) helmObject.path("data")).remove("password");
            ((ObjectNode) ourObject.path("data")).remove("password");
          }
          if (!helmObject.equals(ourObject)) {
            differ.add(key + "\n  helm:     " + helmObject + "\n  converge: " + ourObject);
          }
        });
    assertTrue(
        differ.isEmpty(),
        what + ": objects differ from Helm's render:\n" + String.join("\n", differ));
  }

  /** Our release records are Helm's: every Helm verb works on them, and we upgrade Helm's. */
  @Test
  void helmCliKeepsWorkingOnOurReleases() throws Exception {
    String ns = E2e.namespace("corpus-helm-cli");
    String path = "examples/corpus/values-schema";
    String chartDir = ROOT.resolve(path).toString();
    try {
      kubectl("create", "namespace", ns).ok();
      assertEquals(Outcome.DEPLOYED, converge(ns, path, List.of()).outcome());

      String all = helm("get", "values", RELEASE, "-n", ns, "--all").ok().out();
      assertTrue(
          all.contains("replicaCount: 1") && all.contains("repository: registry.local/app"),
          "chart defaults kept: " + all);
      helm("upgrade", RELEASE, chartDir, "-n", ns, "--reuse-values", "--set", "message=from-helm")
          .ok();
      assertEquals("from-helm", configValue(ns, "r1-config", "message"));
      helm("rollback", RELEASE, "1", "-n", ns).ok();
      assertEquals("v1", configValue(ns, "r1-config", "message"));

      ConvergeResult again = converge(ns, path, List.of("message=v4"));
      assertEquals(Outcome.DEPLOYED, again.outcome(), again.toString());
      assertEquals(4, again.revision());
      assertEquals("v4", configValue(ns, "r1-config", "message"));
      assertEquals(
          Map.of(1, "superseded", 2, "superseded", 3, "superseded", 4, "deployed"),
          E2e.helmHistory(RELEASE, ns));

      helm("uninstall", RELEASE, "-n", ns, "--wait").ok();
      assertEquals(
          "",
          kubectl(
                  "get",
                  "deployments,configmaps,services",
                  "-n",
                  ns,
                  "-l",
                  "app.kubernetes.io/instance=r1",
                  "-o",
                  "name")
              .ok()
              .out()
              .trim());
    } finally {
      kubectl("delete", "namespace", ns, "--wait=false");
    }
  }

  /** werf.io/replicas-on-creation: 3 at install, then whatever another manager scales to. */
  @Test
  void replicasOnCreationSurvivesUpgradesAndOtherManagers() throws Exception {
    String ns = E2e.namespace("replicas");
    String path = "examples/replicas";
    try {
      kubectl("create", "namespace", ns).ok();
      assertEquals(Outcome.DEPLOYED, converge(ns, path, List.of()).outcome());
      assertEquals("3", replicas(ns));

      assertEquals(Outcome.DEPLOYED, converge(ns, path, List.of("message=v2")).outcome());
      assertEquals("3", replicas(ns), "an upgrade leaves the count alone");

      kubectl("scale", "deployment", "r1-app", "-n", ns, "--replicas=5").ok(); // as an HPA would
      assertEquals(Outcome.DEPLOYED, converge(ns, path, List.of("message=v3")).outcome());
      assertEquals("5", replicas(ns), "the count another manager set survives");
    } finally {
      kubectl("delete", "namespace", ns, "--wait=false");
    }
  }

  private static String replicas(String ns) {
    return kubectl("get", "deployment", "r1-app", "-n", ns, "-o", "jsonpath={.spec.replicas}")
        .ok()
        .out()
        .trim();
  }

  @Test
  void valuesAgainstTheSchemaFailBeforeAnythingIsWritten() {
    String ns = E2e.namespace("corpus-schema-bad");
    try {
      kubectl("create", "namespace", ns).ok();
      String id = E2e.workflowId(ns, RELEASE);
      Map<String, Object> input = E2e.request(RELEASE, ns, "examples/corpus/values-schema");
      input.put("set", List.of("replicaCount=0"));
      client
          .newUntypedWorkflowStub(
              "ConvergeWorkflow",
              WorkflowOptions.newBuilder().setTaskQueue(TASK_QUEUE).setWorkflowId(id).build())
          .start(input);
      WorkflowFailedException failed =
          assertThrows(WorkflowFailedException.class, () -> E2e.result(client, id));
      ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, failed.getCause());
      assertTrue(
          failure.getOriginalMessage().contains("schema")
              && failure.getOriginalMessage().contains("replicaCount"),
          failure.getOriginalMessage());
      assertEquals(
          "",
          kubectl(
                  "get",
                  "secrets,configmaps,deployments",
                  "-n",
                  ns,
                  "-l",
                  "owner=helm",
                  "-o",
                  "name")
              .ok()
              .out()
              .trim(),
          "no revision Secret, nothing applied");
      assertEquals("", kubectl("get", "deployments", "-n", ns, "-o", "name").ok().out().trim());
    } finally {
      kubectl("delete", "namespace", ns, "--wait=false");
    }
  }
}
