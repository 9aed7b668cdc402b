package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.ReleaseActivities.RevisionInfo;
import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.model.ApprovalDecision;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceMeta;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes the histories {@link ConvergeReplayTest} replays: deployed, compensated, canceled during
 * apply and during tracking, timed out, stale pending revision, deployed from an oci:// chart,
 * failed and auto-rolled back, approved. Run by hand: it is not a test. Arguments: the directory
 * and a prefix naming the workflow code version (e.g. {@code v2-}).
 */
public final class RecordHistories {
  private RecordHistories() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "workflows/src/test/resources/histories");
    String prefix = args.length > 1 ? args[1] : "";
    Files.createDirectories(dir);
    record(dir, prefix + "converge-deployed.json", fake -> {}, null);
    record(dir, prefix + "converge-skipped.json", RecordHistories::unchanged, null);
    record(
        dir, prefix + "converge-legacy-dependency.json", RecordHistories::legacyDependency, null);
    record(dir, prefix + "converge-test-hook-renamed.json", RecordHistories::testHookRenamed, null);
    record(
        dir,
        prefix + "converge-compensated.json",
        fake -> fake.failTracking.put(TestChart.WEB.display(), "CrashLoopBackOff"),
        null);
    record(
        dir,
        prefix + "converge-stale-pending.json",
        fake ->
            fake.history =
                new ReleaseHistory(
                    List.of(
                        new RevisionInfo(1, "deployed", "sha256:m", "sha256:v"),
                        new RevisionInfo(2, "pending-upgrade", "sha256:m", "sha256:v")),
                    List.of()),
        null);
    record(
        dir,
        prefix + "converge-canceled-in-apply.json",
        fake -> fake.hangApplyOf = TestChart.WEB,
        "apply [CREATE Deployment/shop-prod/web]");
    record(
        dir,
        prefix + "converge-canceled-in-track.json",
        fake -> fake.hangTrackingOf = TestChart.WEB,
        "track [Deployment/shop-prod/web]");
    try (WorkflowTestSupport t = new WorkflowTestSupport()) {
      Map<String, Object> request = TestChart.request();
      request.put("approval", Map.of("required", true, "timeoutSeconds", 3600));
      ConvergeWorkflow stub = t.stub();
      WorkflowClient.start(stub::converge, request);
      while (stub.plan() == null) {
        Thread.sleep(50);
      }
      stub.approve(new ApprovalDecision(stub.plan().planDigest(), true, "recorder", null));
      WorkflowStub.fromTyped(stub).getResult(Object.class);
      Files.writeString(
          dir.resolve(prefix + "converge-approved.json"),
          t.client.fetchHistory(TestChart.workflowId()).toJson(true));
    }
    try (WorkflowTestSupport t = new WorkflowTestSupport()) {
      t.fake.failTracking.put(TestChart.WEB.display(), "CrashLoopBackOff");
      t.fake.recordRevisions = true;
      t.fake.history =
          new ReleaseHistory(
              List.of(new RevisionInfo(1, "deployed", "sha256:m", "sha256:v")), List.of());
      Map<String, Object> request = TestChart.request();
      request.put("autoRollback", true);
      try {
        t.stub().converge(request);
      } catch (RuntimeException expected) {
        // failed, compensated, rolled back: that is the path on record
      }
      Files.writeString(
          dir.resolve(prefix + "converge-auto-rolled-back.json"),
          t.client.fetchHistory(TestChart.workflowId()).toJson(true));
    }
    try (WorkflowTestSupport t = new WorkflowTestSupport()) {
      Map<String, Object> request = TestChart.request();
      request.put("chart", "oci://registry.example:5000/charts/shop:1.0.0");
      t.stub().converge(request);
      Files.writeString(
          dir.resolve(prefix + "converge-oci-deployed.json"),
          t.client.fetchHistory(TestChart.workflowId()).toJson(true));
    }
    try (WorkflowTestSupport t = new WorkflowTestSupport()) {
      t.fake.hangTrackingOf = TestChart.WEB;
      Map<String, Object> request = TestChart.request();
      request.put("timeoutSeconds", 3);
      try {
        t.stub().converge(request);
      } catch (RuntimeException expected) {
        // timed out and compensated: that is the path on record
      }
      Files.writeString(
          dir.resolve(prefix + "converge-timed-out.json"),
          t.client.fetchHistory(TestChart.workflowId()).toJson(true));
    }
  }

  /** The release is deployed and every object is as rendered: nothing to do. */
  static void unchanged(FakeActivities fake) {
    fake.history = DeployedHistory.sameAs(fake.chart);
    for (var r : fake.chart.resources()) {
      fake.live.put(
          r.key().id(),
          new LiveState(r.key().id(), true, "uid", DeployedHistory.owned(), false, null, null));
    }
  }

  /**
   * The ConfigMap carries werf's older dependency form on the Service of its own weight: code that
   * reads it plans one more step.
   */
  static void legacyDependency(FakeActivities fake) {
    List<ResourceMeta> resources = new ArrayList<>();
    for (ResourceMeta r : TestChart.chart().resources()) {
      if (r.key().equals(TestChart.CONFIG)) {
        Map<String, String> annotations = new HashMap<>(r.annotations());
        annotations.put("svc.dependency.werf.io", "v1:Service:web");
        r = new ResourceMeta(r.key(), r.source(), annotations, r.fromCrdsDir(), r.digest(), null);
      }
      resources.add(r);
    }
    fake.chart = TestChart.chart(resources);
  }

  /** As {@link #unchanged}, but the test hook is named anew by each render (podinfo's). */
  static void testHookRenamed(FakeActivities fake) {
    fake.chart = TestChart.chart(withTestHook(TestChart.chart().resources(), "web-test-x7k2p"));
    unchanged(fake);
    fake.history =
        new ReleaseHistory(
            fake.history.revisions(),
            withTestHook(TestChart.chart().resources(), "web-test-q9m4z"));
  }

  private static List<ResourceMeta> withTestHook(List<ResourceMeta> resources, String name) {
    List<ResourceMeta> out = new ArrayList<>(resources);
    out.add(
        new ResourceMeta(
            new ResourceKey("v1", "Pod", TestChart.NS, name),
            "shop/templates/tests/web.yaml",
            Map.of("helm.sh/hook", "test"),
            false,
            "sha256:" + name,
            null));
    return out;
  }

  /**
   * @param cancelAfter cancel the run once the fakes saw this call; null: let it end
   */
  private static void record(
      Path dir, String name, Consumer<FakeActivities> setup, String cancelAfter) throws Exception {
    try (WorkflowTestSupport t = new WorkflowTestSupport()) {
      setup.accept(t.fake);
      WorkflowClient.start(t.stub()::converge, TestChart.request());
      WorkflowStub run = t.client.newUntypedWorkflowStub(TestChart.workflowId());
      if (cancelAfter != null) {
        for (int i = 0; i < 200 && !t.fake.calls.contains(cancelAfter); i++) {
          Thread.sleep(50);
        }
        run.cancel();
      }
      try {
        run.getResult(Object.class);
      } catch (RuntimeException expected) {
        // failed and canceled runs are what some of these recordings are for
      }
      Files.writeString(
          dir.resolve(name), t.client.fetchHistory(TestChart.workflowId()).toJson(true));
    }
  }
}
