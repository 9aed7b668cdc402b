package dev.converge.workflows.converge;

import static org.junit.jupiter.api.Assertions.*;

import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.Outcome;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceMeta;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Manifests travel by digest and each step is one activity, so history does not grow with the
 * chart.
 */
class HistoryBudgetTest {

  @Test
  void fiveHundredResourceConvergeStaysUnder300EventsAndSmall() {
    try (WorkflowTestSupport t = new WorkflowTestSupport()) {
      List<ResourceMeta> resources = new ArrayList<>();
      for (int i = 0; i < 480; i++) {
        String kind = i % 3 == 0 ? "Deployment" : "ConfigMap";
        String api = i % 3 == 0 ? "apps/v1" : "v1";
        resources.add(
            new ResourceMeta(
                new ResourceKey(api, kind, TestChart.NS, "app-" + i),
                "big/templates/app-" + i + ".yaml",
                Map.of("werf.io/weight", String.valueOf(i % 4)),
                false,
                "sha256:" + i,
                i % 3 == 0 ? 2 : null));
      }
      for (int i = 0; i < 20; i++) {
        String hook = i % 2 == 0 ? "pre-install" : "post-install";
        resources.add(
            new ResourceMeta(
                new ResourceKey("batch/v1", "Job", TestChart.NS, "hook-" + i),
                "big/templates/hook-" + i + ".yaml",
                Map.of("helm.sh/hook", hook, "helm.sh/hook-weight", String.valueOf(i % 3)),
                false,
                "sha256:h" + i,
                null));
      }
      t.fake.chart = TestChart.chart(resources);

      ConvergeResult result = t.stub().converge(TestChart.request());

      assertEquals(Outcome.DEPLOYED, result.outcome());
      assertEquals(500, result.completed().size());
      WorkflowExecutionHistory history = t.client.fetchHistory(TestChart.workflowId());
      List<HistoryEvent> events = history.getEvents();
      assertTrue(events.size() < 300, "history has " + events.size() + " events");
      int bytes = history.toJson(false).length();
      // 1.49 MB before tracking was given each apply's uid and generation (1.54 MB after): inline
      // here, offloaded by digest from 64 KB per payload in a real worker.
      assertTrue(bytes < 1_600_000, "history is " + bytes + " bytes of JSON");
      System.out.printf(
          "500-resource converge: %d history events, %d bytes of history JSON%n",
          events.size(), bytes);
    }
  }
}
