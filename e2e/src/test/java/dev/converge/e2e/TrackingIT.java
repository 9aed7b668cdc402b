package dev.converge.e2e;

import static dev.converge.e2e.Stack.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.Outcome;
import dev.converge.workflows.model.ResourceStatus;
import dev.converge.workflows.model.ResourceStatus.State;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tracking on the local stack: kwok simulates the failures (examples/tracking, one switch each).
 */
class TrackingIT extends WithWorkerAndApi {
  private static final List<String> NAMESPACES = new CopyOnWriteArrayList<>();
  private static WorkflowClient client;

  @BeforeAll
  static void connect() {
    client = E2e.temporalClient();
  }

  @AfterAll
  static void deleteNamespaces() {
    NAMESPACES.forEach(ns -> kubectl("delete", "namespace", ns, "--wait=false"));
  }

  @Test
  void crashLoopFailsAfterTheAllowedRestartsAndTheReportQuotesTheContainer() throws Exception {
    String ns = E2e.namespace("i5-crash");
    ConvergeResult report = failed(ns, "t", List.of("crashloop=true"), "t-crash");

    ResourceStatus row = row(report, "Deployment/" + ns + "/t-crash");
    assertEquals(State.FAILED, row.state());
    assertEquals(2, row.errors(), "1 allowed per replica x 1 replica: the 2nd restart fails it");
    assertTrue(row.lastError().contains("container app: CrashLoopBackOff"), row.lastError());
    assertTrue(
        row.lastLogLines().stream().anyMatch(l -> l.contains("converge-sim:")),
        "the container's last lines: " + row.lastLogLines());
  }

  @Test
  void imagePullBackOffFailsWithTheReason() throws Exception {
    String ns = E2e.namespace("i5-pull");
    ConvergeResult report = failed(ns, "t", List.of("imagepull=true"), "t-pull");

    ResourceStatus row = row(report, "Deployment/" + ns + "/t-pull");
    assertEquals(State.FAILED, row.state());
    assertTrue(row.lastError().contains("ImagePullBackOff"), row.lastError());
  }

  @Test
  void failingJobFailsWithTheJobsCondition() throws Exception {
    String ns = E2e.namespace("i5-job");
    ConvergeResult report = failed(ns, "t", List.of("failingJob=true"), "t-migrate");

    ResourceStatus row = row(report, "Job/" + ns + "/t-migrate");
    assertEquals(State.FAILED, row.state());
    assertTrue(row.lastError().startsWith("BackoffLimitExceeded"), row.lastError());
  }

  @Test
  void slowDeploymentIsWaitedForAndBecomesReadyInTime() throws Exception {
    String ns = E2e.namespace("i5-slow");
    long start = System.nanoTime();
    ConvergeResult report = deployed(ns, "t", List.of("slowAfter=12s"));

    assertTrue((System.nanoTime() - start) / 1_000_000_000L >= 12, "waited for the pod");
    assertEquals(State.READY, row(report, "Deployment/" + ns + "/t-slow").state());
    assertEquals(
        1,
        E2e.parse(kubectl("get", "deploy", "t-slow", "-n", ns, "-o", "json").ok().out())
            .at("/status/readyReplicas")
            .asInt());
  }

  @Test
  void claimAndIngressAreWaitedForUntilBoundAndAddressed() throws Exception {
    String ns = E2e.namespace("i5-pvc");
    String id = start(ns, "t", List.of("claim=true", "ingress=true"));
    // the local stack has no provisioner and no ingress controller: the test plays both
    E2e.waitUntil("the claim", 60, () -> kubectl("get", "pvc", "t-data", "-n", ns).exit() == 0);
    assertTrue(
        E2e.stub(client, id).describe().getStatus().name().contains("RUNNING"), "still waiting");
    String pv =
        "{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolume\",\"metadata\":{\"name\":\""
            + ns
            + "\"},"
            + "\"spec\":{\"capacity\":{\"storage\":\"1Gi\"},\"accessModes\":[\"ReadWriteOnce\"],"
            + "\"hostPath\":{\"path\":\"/tmp/"
            + ns
            + "\"},\"claimRef\":{\"namespace\":\""
            + ns
            + "\",\"name\":\"t-data\"}}}";
    Stack.run(
            List.of(
                "sh",
                "-c",
                "echo '"
                    + pv
                    + "' | "
                    + BIN.resolve("kubectl")
                    + " --kubeconfig "
                    + KUBECONFIG
                    + " apply -f -"))
        .ok();
    E2e.waitUntil(
        "the ingress", 60, () -> kubectl("get", "ingress", "t-web", "-n", ns).exit() == 0);
    kubectl(
            "patch",
            "ingress",
            "t-web",
            "-n",
            ns,
            "--subresource=status",
            "--type=merge",
            "-p",
            "{\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"203.0.113.7\"}]}}}")
        .ok();

    ConvergeResult report = E2e.result(client, id);
    kubectl("delete", "pv", ns, "--wait=false");

    assertEquals(Outcome.DEPLOYED, report.outcome(), report.toString());
    ResourceStatus claim = row(report, "PersistentVolumeClaim/" + ns + "/t-data");
    assertEquals(State.READY, claim.state());
    assertEquals("Bound to " + ns, claim.info());
    ResourceStatus ingress = row(report, "Ingress/" + ns + "/t-web");
    assertEquals(State.READY, ingress.state());
    assertEquals("203.0.113.7", ingress.info());
  }

  @Test
  void nonBlockingClaimIsNotWaitedFor() throws Exception {
    String ns = E2e.namespace("i5-nb");
    ConvergeResult report = deployed(ns, "t", List.of("claim=true", "claimTracking=NonBlocking"));

    assertEquals(State.WAITING, row(report, "PersistentVolumeClaim/" + ns + "/t-data").state());
    assertEquals(
        "Pending",
        E2e.parse(kubectl("get", "pvc", "t-data", "-n", ns, "-o", "json").ok().out())
            .at("/status/phase")
            .asText());
  }

  @Test
  void ignoreAndContinueSucceedsWhileTheReportListsTheFailedResource() throws Exception {
    String ns = E2e.namespace("i5-ign");
    ConvergeResult report =
        deployed(
            ns, "t", List.of("crashloop=true", "crashloopFailMode=IgnoreAndContinueDeployProcess"));

    assertEquals(State.FAILED, row(report, "Deployment/" + ns + "/t-crash").state());
    assertTrue(
        report.failed().stream().anyMatch(f -> f.contains("t-crash")), report.failed().toString());
  }

  @Test
  void describeShowsTheStatusTableOnThePendingTrackActivity() throws Exception {
    String ns = E2e.namespace("i5-desc");
    String id = start(ns, "t", List.of("slowAfter=25s"));
    String[] seen = {""};
    E2e.waitUntil(
        "the status table in the pending activity's heartbeat",
        60,
        () -> {
          // Heartbeats are encrypted by the payload codec: an operator reads them through the codec
          // server.
          seen[0] =
              temporal(
                      "workflow",
                      "describe",
                      "--workflow-id",
                      id,
                      "-o",
                      "json",
                      "--codec-endpoint",
                      "http://127.0.0.1:" + API_PORT + "/codec",
                      "--codec-auth",
                      "Bearer " + API_TOKEN)
                  .ok()
                  .out();
          return heartbeatText(seen[0]).contains("Deployment/" + ns + "/t-slow  WAITING");
        });
    JsonNode activity = E2e.parse(seen[0]).at("/pendingActivities/0");
    assertEquals("TrackResources", activity.at("/activityType/name").asText(), seen[0]);
    assertTrue(heartbeatText(seen[0]).contains("RESOURCE"), "the table header");
    assertEquals(Outcome.DEPLOYED, E2e.result(client, id).outcome());
  }

  /** Heartbeat payloads are JSON; the CLI prints them decoded or as base64 data. */
  /**
   * The log annotations on the fake kubelet's real log stream (deploy/local/kwok/logs/app.log), as
   * a CI job reads them from converge-ci.sh.
   */
  @Test
  void logFiltersActOnRealPodLogs() {
    String ns = E2e.namespace("i25-logs");
    NAMESPACES.add(ns);
    Stack.Result ci =
        Stack.run(
            List.of(
                "bash",
                "deploy/converge-ci.sh",
                "--release",
                "logs",
                "--namespace",
                ns,
                "--chart",
                "examples/logs"),
            Map.of("CONVERGE_API", "http://127.0.0.1:" + API_PORT, "CONVERGE_API_TOKEN", API_TOKEN),
            300);
    assertEquals(0, ci.exit(), ci.out() + ci.err());
    List<String> lines = ci.out().lines().filter(l -> l.startsWith("  | ")).toList();
    List<String> web = lines.stream().filter(l -> l.contains("/web: ")).toList();
    List<String> sidecar = lines.stream().filter(l -> l.contains("/sidecar: ")).toList();
    assertTrue(
        web.stream().anyMatch(l -> l.contains("ready to serve requests")),
        "web lines in: " + ci.out());
    assertTrue(web.stream().noneMatch(l -> l.contains("warning")), "log-regex-skip hides: " + web);
    assertTrue(
        !sidecar.isEmpty() && sidecar.stream().allMatch(l -> l.contains("warning")),
        "the sidecar's own skip regex replaces the resource's: " + sidecar);
    long pods = web.stream().map(l -> l.substring(4, l.indexOf('/'))).distinct().count();
    assertEquals(2, pods, "two replicas' logs: " + web);
  }

  private static String heartbeatText(String describe) {
    JsonNode details = E2e.parse(describe).at("/pendingActivities/0/heartbeatDetails");
    StringBuilder text = new StringBuilder(details.toString());
    for (JsonNode payload : details.path("payloads")) {
      if (payload.path("data").isTextual()) {
        try {
          text.append(
              new String(
                  Base64.getDecoder().decode(payload.get("data").asText()),
                  StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
          text.append(payload.get("data").asText());
        }
      }
    }
    return text.toString().replace("\\n", "\n");
  }

  private static String start(String ns, String release, List<String> set) {
    NAMESPACES.add(ns);
    Map<String, Object> input = E2e.request(release, ns, "examples/tracking");
    input.put("set", set);
    input.put("timeoutSeconds", 180);
    String id = E2e.workflowId(ns, release);
    temporal(
            "workflow",
            "start",
            "--task-queue",
            TASK_QUEUE,
            "--type",
            "ConvergeWorkflow",
            "--workflow-id",
            id,
            "--input",
            E2e.json(input))
        .ok();
    return id;
  }

  private static ConvergeResult deployed(String ns, String release, List<String> set)
      throws Exception {
    ConvergeResult report = E2e.result(client, start(ns, release, set));
    assertEquals(Outcome.DEPLOYED, report.outcome(), report.toString());
    return report;
  }

  /** The converge fails; the report in the failure details names the resource. */
  private static ConvergeResult failed(
      String ns, String release, List<String> set, String resource) {
    String id = start(ns, release, set);
    WorkflowFailedException failed =
        assertThrows(WorkflowFailedException.class, () -> E2e.result(client, id));
    ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, failed.getCause());
    assertTrue(failure.getOriginalMessage().contains(resource), failure.getOriginalMessage());
    ConvergeResult report = failure.getDetails().get(ConvergeResult.class);
    assertEquals(Outcome.FAILED, report.outcome());
    return report;
  }

  private static ResourceStatus row(ConvergeResult report, String resource) {
    return report.resources().stream()
        .filter(r -> r.resource().equals(resource))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + resource + " in " + report.resources()));
  }
}
