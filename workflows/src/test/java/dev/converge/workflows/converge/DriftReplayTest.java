package dev.converge.workflows.converge;

import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.drift.DriftWorkflow;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays saved drift histories against today's code: "v8-" recorded by {@link #record} on the
 * first DriftWorkflow (a warn check that found drift, a correct check, and the correction it ran
 * under the release's converge id). Rerun with {@code -Drecord.dir=DIR -Drecord.prefix=vN-
 * -Dtest=DriftReplayTest#record} before a change to the workflow, and add the files here.
 */
class DriftReplayTest {
  @ParameterizedTest
  @CsvSource({
    "v8-drift-warned.json, " + DriftWorkflowTest.CHECK_ID,
    "v8-drift-correct-check.json, " + DriftWorkflowTest.CHECK_ID,
    "v8-drift-correction.json, converge/default/shop-prod/shop",
    "v10-drift-warned.json, " + DriftWorkflowTest.CHECK_ID,
    "v10-drift-correct-check.json, " + DriftWorkflowTest.CHECK_ID,
    "v10-drift-correction.json, converge/default/shop-prod/shop"
  })
  void savedHistoryReplays(String name, String workflowId) throws Exception {
    String json =
        new String(
            DriftReplayTest.class.getResourceAsStream("/histories/" + name).readAllBytes(),
            StandardCharsets.UTF_8);
    WorkflowReplayer.replayWorkflowExecution(
        WorkflowExecutionHistory.fromJson(json, workflowId), DriftWorkflowImpl.class);
  }

  @Test
  void record() throws Exception {
    String dir = System.getProperty("record.dir");
    Assumptions.assumeTrue(dir != null, "records only with -Drecord.dir");
    String prefix = System.getProperty("record.prefix", "");
    try (WorkflowTestSupport t = new WorkflowTestSupport()) {
      DriftWorkflowTest.deployed(t.fake);
      t.fake.drift = List.of(DriftWorkflowTest.missingConfig(), DriftWorkflowTest.changedImage());
      stub(t).check(DriftWorkflowTest.request("warn"));
      write(t, dir, prefix + "drift-warned.json", DriftWorkflowTest.CHECK_ID);
    }
    try (WorkflowTestSupport t = new WorkflowTestSupport()) {
      DriftWorkflowTest.deployed(t.fake);
      t.fake.drift = List.of(DriftWorkflowTest.missingConfig(), DriftWorkflowTest.changedImage());
      t.fake.live.put(
          TestChart.WEB.id(),
          new LiveState(
              TestChart.WEB.id(), true, "uid-web", DeployedHistory.owned(), true, null, null));
      Map<String, Object> request = DriftWorkflowTest.request("correct");
      stub(t).check(request);
      write(t, dir, prefix + "drift-correct-check.json", DriftWorkflowTest.CHECK_ID);
      write(t, dir, prefix + "drift-correction.json", TestChart.workflowId());
    }
  }

  private static void write(WorkflowTestSupport t, String dir, String name, String id)
      throws Exception {
    Files.writeString(Path.of(dir, name), t.client.fetchHistory(id).toJson(true));
  }

  private static DriftWorkflow stub(WorkflowTestSupport t) {
    return t.client.newWorkflowStub(
        DriftWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(ConvergeWorkflow.TASK_QUEUE)
            .setWorkflowId(DriftWorkflowTest.CHECK_ID)
            .build());
  }
}
