package dev.converge.e2e;

import static dev.converge.e2e.Stack.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.Outcome;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the worker inside every activity type of a converge and of a failing converge's
 * compensation. The worker holds still inside the chosen activity (CONVERGE_CRASH_POINT, see the
 * worker's CrashPoint), the test kills it there, starts a fresh worker and checks: the right
 * outcome, exactly one new revision, no orphaned and no missing object, and the time from the kill
 * to the end (heartbeat timeout 10 s or release-activity timeout 15 s, plus a worker start). CI
 * runs a few points; {@code -Dconverge.crash.points=all} runs all of them.
 */
class CrashIT {
  private static final int RECOVERY_LIMIT_SECONDS =
      15 + 30; // the longer of heartbeat (10 s) and release timeout (15 s), + 30 s

  private record Point(String chart, String crashPoint) {
    boolean failing() {
      return chart.equals("examples/failing");
    }
  }

  private static final List<Point> ALL =
      List.of(
          new Point("examples/shop", "ReadReleaseHistory#1"),
          new Point("examples/shop", "RenderRelease#1"),
          new Point("examples/shop", "InspectCluster#1"),
          new Point("examples/shop", "EnsureNamespace#1"),
          new Point("examples/shop", "SavePendingRevision#1"),
          new Point("examples/shop", "ApplyResources#1"),
          new Point("examples/shop", "TrackResources#1"),
          new Point("examples/shop", "ApplyResources#2"),
          new Point("examples/shop", "TrackResources#2"),
          new Point("examples/shop", "ApplyResources#3"),
          new Point("examples/shop", "TrackResources#3"),
          new Point("examples/shop", "MarkRevisionDeployed#1"),
          new Point("examples/failing", "RenderRelease#1"),
          new Point("examples/failing", "InspectCluster#1"),
          new Point("examples/failing", "SavePendingRevision#1"),
          new Point("examples/failing", "ApplyResources#1"),
          new Point("examples/failing", "TrackResources#1"),
          new Point("examples/failing", "DeleteResources#1"),
          new Point("examples/failing", "MarkRevisionFailed#1"),
          new Point("examples/failing", "ReadReleaseHistory#1"));

  private static final List<Point> CI =
      List.of(
          new Point("examples/shop", "SavePendingRevision#1"),
          new Point("examples/shop", "ApplyResources#2"),
          new Point("examples/failing", "DeleteResources#1"));

  @Test
  void killedInsideAnyActivityTheConvergeEndsRight() throws Exception {
    List<Point> points = "all".equals(System.getProperty("converge.crash.points")) ? ALL : CI;
    List<String> figures = new ArrayList<>();
    double worst = 0;
    for (Point point : points) {
      double seconds = crashAt(point);
      worst = Math.max(worst, seconds);
      figures.add(
          String.format(
              "%-18s %-24s recovered %.1fs after the kill",
              point.chart.substring(9), point.crashPoint, seconds));
    }
    System.out.println(
        "CrashIT: "
            + points.size()
            + " kill points, worst recovery "
            + String.format("%.1fs", worst)
            + "\n  "
            + String.join("\n  ", figures));
    assertTrue(worst <= RECOVERY_LIMIT_SECONDS, "worst recovery " + worst + "s");
  }

  private static double crashAt(Point point) throws Exception {
    WorkflowClient client = E2e.temporalClient();
    String release = point.failing() ? "broken" : "shop";
    String ns = E2e.namespace("crash");
    String id = E2e.workflowId(ns, release);
    Path marker = Files.createTempFile("crash-point", ".marker");
    Files.delete(marker);
    Service first =
        Service.worker(
            "worker-crash-" + point.crashPoint.replace('#', '-'),
            Map.of(
                "CONVERGE_CRASH_POINT",
                point.crashPoint,
                "CONVERGE_CRASH_MARKER",
                marker.toString()));
    try {
      Map<String, Object> input = E2e.request(release, ns, point.chart);
      input.put("timeoutSeconds", 300);
      client
          .newUntypedWorkflowStub(
              "ConvergeWorkflow",
              WorkflowOptions.newBuilder().setTaskQueue(TASK_QUEUE).setWorkflowId(id).build())
          .start(input);
      E2e.waitUntil(point + " reached", 180, () -> Files.exists(marker));
    } finally {
      first.kill9();
    }
    long killed = System.nanoTime();
    try (Service second = Service.worker("worker-after-" + point.crashPoint.replace('#', '-'))) {
      ConvergeResult report = result(client, id);
      double seconds = (System.nanoTime() - killed) / 1e9;
      if (point.failing()) {
        assertEquals(Outcome.FAILED, report.outcome(), point + ": " + report.error());
        assertEquals(
            Map.of(1, "failed"),
            E2e.helmHistory(release, ns),
            point + ": exactly one revision, failed");
        assertEquals(
            Set.of(),
            E2e.helmManagedObjects(ns, "configmaps,deployments,statefulsets,services,secrets"),
            point + ": compensation left nothing");
      } else {
        assertEquals(Outcome.DEPLOYED, report.outcome(), point + ": " + report.error());
        assertEquals(
            Map.of(1, "deployed"), E2e.helmHistory(release, ns), point + ": exactly one revision");
        assertEquals(
            E2e.manifestObjects(release, ns),
            E2e.helmManagedObjects(ns, "configmaps,deployments,statefulsets,services,secrets"),
            point + ": no orphaned and no missing object");
      }
      return seconds;
    } finally {
      kubectl("delete", "namespace", ns, "--wait=false");
    }
  }

  private static ConvergeResult result(WorkflowClient client, String id) throws Exception {
    try {
      return E2e.result(client, id);
    } catch (WorkflowFailedException e) {
      ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, e.getCause());
      return failure.getDetails().get(ConvergeResult.class);
    }
  }
}
