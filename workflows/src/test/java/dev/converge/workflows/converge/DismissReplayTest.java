package dev.converge.workflows.converge;

import static dev.converge.workflows.converge.TestChart.NS;
import static dev.converge.workflows.converge.TestChart.RELEASE;

import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.ReleaseActivities.RevisionInfo;
import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.dismiss.DismissWorkflow;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceMeta;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays saved dismiss histories against today's code. "v6-" was recorded by {@link #record} on
 * the code before dismiss-needs-release (a dismiss of a release without revisions, and a plain
 * one); rerun with {@code -Drecord.dir=DIR -Dtest=DismissReplayTest#record} on a change to add
 * recordings. "v7-" is the code before dismiss-drift-schedule, "v8-" the code with it.
 */
class DismissReplayTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "v6-dismiss-dismissed.json",
        "v6-dismiss-no-release.json",
        "v7-dismiss-dismissed.json",
        "v7-dismiss-no-release.json",
        "v8-dismiss-dismissed.json",
        "v8-dismiss-no-release.json"
      })
  void savedHistoryReplays(String name) throws Exception {
    String json =
        new String(
            DismissReplayTest.class.getResourceAsStream("/histories/" + name).readAllBytes(),
            StandardCharsets.UTF_8);
    WorkflowReplayer.replayWorkflowExecution(
        WorkflowExecutionHistory.fromJson(json, TestChart.workflowId()), DismissWorkflowImpl.class);
  }

  @Test
  void record() throws Exception {
    String dir = System.getProperty("record.dir");
    Assumptions.assumeTrue(dir != null, "records only with -Drecord.dir");
    String prefix = System.getProperty("record.prefix", "");
    try (WorkflowTestSupport t = new WorkflowTestSupport()) {
      t.fake.history =
          new ReleaseHistory(
              List.of(new RevisionInfo(1, "deployed", "sha256:m1", "sha256:v")), List.of());
      ResourceKey config = new ResourceKey("v1", "ConfigMap", NS, "config");
      t.fake.storedRevision =
          TestChart.chart(
              List.of(
                  new ResourceMeta(
                      config, "shop/templates/config.yaml", Map.of(), false, "sha256:c", null)));
      t.fake.live.put(
          config.id(),
          new LiveState(
              config.id(),
              true,
              "uid-config",
              Map.of("meta.helm.sh/release-name", RELEASE, "meta.helm.sh/release-namespace", NS),
              false,
              null,
              null));
      stub(t).dismiss(request(true));
      Files.writeString(
          Path.of(dir, prefix + "dismiss-dismissed.json"),
          t.client.fetchHistory(TestChart.workflowId()).toJson(true));
    }
    try (WorkflowTestSupport t = new WorkflowTestSupport()) {
      t.fake.history = new ReleaseHistory(List.of(), List.of());
      try {
        stub(t).dismiss(request(true));
      } catch (RuntimeException failedOnNewerCode) {
        // today's code refuses a release without revisions; older code dismissed it
      }
      Files.writeString(
          Path.of(dir, prefix + "dismiss-no-release.json"),
          t.client.fetchHistory(TestChart.workflowId()).toJson(true));
    }
  }

  private static DismissWorkflow stub(WorkflowTestSupport t) {
    return t.client.newWorkflowStub(
        DismissWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(ConvergeWorkflow.TASK_QUEUE)
            .setWorkflowId(TestChart.workflowId())
            .build());
  }

  private static Map<String, Object> request(boolean deleteNamespace) {
    Map<String, Object> request = new HashMap<>();
    request.put("release", RELEASE);
    request.put("namespace", NS);
    request.put("deleteNamespace", deleteNamespace);
    return request;
  }
}
