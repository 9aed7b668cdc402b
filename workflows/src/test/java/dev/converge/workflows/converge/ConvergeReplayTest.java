package dev.converge.workflows.converge;

import static org.junit.jupiter.api.Assertions.*;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays saved histories against today's workflow code: a change that would break running
 * converges (non-determinism) fails here. Recorded by {@link RecordHistories}; re-record only
 * together with a versioning decision.
 */
class ConvergeReplayTest {

  /**
   * Every saved history: the first recordings, "v0-" from the last code before workflow versioning,
   * "v1-" from render-after-history, "v2-" from wait-for-apply-cancellation (with cancel, timeout,
   * stale pending and compensation paths, and an oci:// chart), "v3-" from pin-chart-digest, "v4-"
   * from auto-rollback (lifecycle: plan, rollback, dismiss), "v5-" from approval, "v6-" from
   * local-release-steps, "v10-" from the code just before track-what-was-applied. Each workflow
   * change adds its own recordings here.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "converge-deployed.json",
        "converge-compensated.json",
        "v0-converge-deployed.json",
        "v0-converge-compensated.json",
        "v1-converge-deployed.json",
        "v1-converge-compensated.json",
        "v2-converge-deployed.json",
        "v2-converge-compensated.json",
        "v2-converge-stale-pending.json",
        "v2-converge-canceled-in-apply.json",
        "v2-converge-canceled-in-track.json",
        "v2-converge-timed-out.json",
        "v2-converge-oci-deployed.json",
        "v3-converge-deployed.json",
        "v3-converge-compensated.json",
        "v3-converge-stale-pending.json",
        "v3-converge-canceled-in-apply.json",
        "v3-converge-canceled-in-track.json",
        "v3-converge-timed-out.json",
        "v3-converge-oci-deployed.json",
        "v4-converge-deployed.json",
        "v4-converge-compensated.json",
        "v4-converge-stale-pending.json",
        "v4-converge-canceled-in-apply.json",
        "v4-converge-canceled-in-track.json",
        "v4-converge-timed-out.json",
        "v4-converge-oci-deployed.json",
        "v4-converge-auto-rolled-back.json",
        "v5-converge-deployed.json",
        "v5-converge-compensated.json",
        "v5-converge-stale-pending.json",
        "v5-converge-canceled-in-apply.json",
        "v5-converge-canceled-in-track.json",
        "v5-converge-timed-out.json",
        "v5-converge-oci-deployed.json",
        "v5-converge-auto-rolled-back.json",
        "v5-converge-approved.json",
        "v6-converge-deployed.json",
        "v6-converge-compensated.json",
        "v6-converge-stale-pending.json",
        "v6-converge-canceled-in-apply.json",
        "v6-converge-canceled-in-track.json",
        "v6-converge-timed-out.json",
        "v6-converge-oci-deployed.json",
        "v6-converge-auto-rolled-back.json",
        "v6-converge-approved.json",
        "v9-converge-skipped.json",
        "v9-converge-legacy-dependency.json",
        "v9-converge-test-hook-renamed.json",
        "v10-converge-deployed.json",
        "v10-converge-compensated.json",
        "v10-converge-stale-pending.json",
        "v10-converge-canceled-in-apply.json",
        "v10-converge-canceled-in-track.json",
        "v10-converge-timed-out.json",
        "v10-converge-oci-deployed.json",
        "v10-converge-auto-rolled-back.json",
        "v10-converge-approved.json",
        "v10-converge-skipped.json",
        "v10-converge-legacy-dependency.json",
        "v10-converge-test-hook-renamed.json"
      })
  void savedHistoryReplays(String name) throws Exception {
    replay(resource("histories/" + name));
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
        WorkflowExecutionHistory.fromJson(json, TestChart.workflowId()),
        ConvergeWorkflowImpl.class);
  }

  private static String resource(String name) throws Exception {
    try (var in = ConvergeReplayTest.class.getClassLoader().getResourceAsStream(name)) {
      assertNotNull(in, name + " is missing; run RecordHistories");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
