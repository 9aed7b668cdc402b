package dev.converge.workflows.converge;

import static org.junit.jupiter.api.Assertions.*;

import io.temporal.testing.WorkflowReplayer;
import io.temporal.common.WorkflowExecutionHistory;
import org.junit.jupiter.api.Test;

/**
 * Replays saved histories against today's workflow code: a change that would break running
 * converges (non-determinism) fails here. Recorded by {@link RecordHistories}; re-record only
 * together with a versioning decision.
 */
class ConvergeReplayTest {

  @Test
  void savedSuccessfulConvergeReplays() throws Exception {
    replay(resource("histories/converge-deployed.json"));
  }

  @Test
  void savedCompensatedConvergeReplays() throws Exception {
    replay(resource("histories/converge-compensated.json"));
  }

  @Test
  void freshHistoryReplays() throws Exception {
    try (WorkflowTestSupport t = new WorkflowTestSupport()) {
      t.fake.failTracking.put(TestChart.WEB.display(), "CrashLoopBackOff");
      assertThrows(Exception.class, () -> t.stub().converge(TestChart.request()));
      replay(t.client.fetchHistory(TestChart.workflowId()).toJson(true));
    }
  }

  /** Replays under the real workflow id: the workflow checks its id against the release. */
  private static void replay(String json) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        WorkflowExecutionHistory.fromJson(json, TestChart.workflowId()), ConvergeWorkflowImpl.class);
  }

  private static String resource(String name) throws Exception {
    try (var in = ConvergeReplayTest.class.getClassLoader().getResourceAsStream(name)) {
      assertNotNull(in, name + " is missing; run RecordHistories");
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
