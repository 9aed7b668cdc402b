package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.ReleaseActivities.RevisionInfo;
import dev.converge.workflows.rollback.RollbackWorkflow;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays saved rollback histories against today's code. "v7-" was recorded by {@link #record} on
 * the code before rollback ran the shared Deploy sequence (a rollback that deploys, one whose
 * tracking fails and is compensated, one asked for a revision that is not kept); rerun with {@code
 * -Drecord.dir=DIR -Drecord.prefix=vN- -Dtest=RollbackReplayTest#record} to add recordings.
 */
class RollbackReplayTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "v7-rollback-deployed.json",
        "v7-rollback-compensated.json",
        "v7-rollback-missing-revision.json",
        "v10-rollback-deployed.json",
        "v10-rollback-compensated.json",
        "v10-rollback-missing-revision.json"
      })
  void savedHistoryReplays(String name) throws Exception {
    String json =
        new String(
            RollbackReplayTest.class.getResourceAsStream("/histories/" + name).readAllBytes(),
            StandardCharsets.UTF_8);
    WorkflowReplayer.replayWorkflowExecution(
        WorkflowExecutionHistory.fromJson(json, TestChart.workflowId()),
        RollbackWorkflowImpl.class);
  }

  @Test
  void record() throws Exception {
    String dir = System.getProperty("record.dir");
    Assumptions.assumeTrue(dir != null, "records only with -Drecord.dir");
    String prefix = System.getProperty("record.prefix", "");
    record(Path.of(dir, prefix + "rollback-deployed.json"), 0, fake -> {});
    record(
        Path.of(dir, prefix + "rollback-compensated.json"),
        0,
        fake -> fake.failTracking.put(TestChart.WEB.display(), "CrashLoopBackOff"));
    record(Path.of(dir, prefix + "rollback-missing-revision.json"), 7, fake -> {});
  }

  private static void record(Path file, int revision, Consumer<FakeActivities> setUp)
      throws Exception {
    try (WorkflowTestSupport t = new WorkflowTestSupport()) {
      t.fake.history =
          new ReleaseHistory(
              List.of(
                  new RevisionInfo(1, "superseded", "sha256:m1", "sha256:v"),
                  new RevisionInfo(2, "deployed", "sha256:m2", "sha256:v")),
              List.of());
      setUp.accept(t.fake);
      RollbackWorkflow stub =
          t.client.newWorkflowStub(
              RollbackWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue(ConvergeWorkflow.TASK_QUEUE)
                  .setWorkflowId(TestChart.workflowId())
                  .build());
      try {
        stub.rollback(
            revision > 0
                ? Map.of(
                    "release", TestChart.RELEASE, "namespace", TestChart.NS, "revision", revision)
                : Map.of("release", TestChart.RELEASE, "namespace", TestChart.NS));
      } catch (RuntimeException failed) {
        // a failed or refused rollback is a history worth replaying too
      }
      Files.writeString(file, t.client.fetchHistory(TestChart.workflowId()).toJson(true));
    }
  }
}
