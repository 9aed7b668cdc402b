package dev.converge.e2e;

import static dev.converge.e2e.Stack.TASK_QUEUE;
import static dev.converge.e2e.Stack.kubectl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.Outcome;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A generated 2,000-object chart (examples/many) converges on the real stack; the test prints its
 * workflow history (events, bytes, largest event) and bounds them as issue 12 asks: under 300
 * events, under 512 KB, no event over 256 KB.
 */
class LargeChartIT extends WithWorkerAndApi {
  private static final int COUNT = Integer.getInteger("converge.large.count", 2000);

  @Test
  void aTwoThousandObjectChartConvergesWithinHistoryBounds() throws Exception {
    WorkflowClient client = E2e.temporalClient();
    String ns = E2e.namespace("i12-large");
    String id = E2e.workflowId(ns, "many");
    Map<String, Object> input = E2e.request("many", ns, "examples/many");
    input.put("set", List.of("count=" + COUNT));
    input.put("timeoutSeconds", 900);
    long start = System.nanoTime();
    client
        .newUntypedWorkflowStub(
            "ConvergeWorkflow",
            WorkflowOptions.newBuilder().setTaskQueue(TASK_QUEUE).setWorkflowId(id).build())
        .start(input);
    try {
      ConvergeResult report = E2e.result(client, id);
      double seconds = (System.nanoTime() - start) / 1e9;
      assertEquals(Outcome.DEPLOYED, report.outcome(), report.error());
      assertEquals(
          String.valueOf(COUNT),
          kubectl(
                      "get",
                      "configmaps",
                      "-n",
                      ns,
                      "-l",
                      "app.kubernetes.io/managed-by=Helm",
                      "-o",
                      "name")
                  .ok()
                  .out()
                  .lines()
                  .count()
              + "");

      WorkflowExecutionHistory history = client.fetchHistory(id);
      List<HistoryEvent> events = history.getEvents();
      long bytes = events.stream().mapToLong(HistoryEvent::getSerializedSize).sum();
      long largest = events.stream().mapToLong(HistoryEvent::getSerializedSize).max().orElse(0);
      System.out.printf(
          "LargeChartIT: %d objects converged in %.1f s; history %d events, %d bytes, largest event %d bytes%n",
          COUNT, seconds, events.size(), bytes, largest);
      // Flat history: large payloads travel by digest (OffloadingCodec), whatever the chart's size.
      assertTrue(events.size() < 300, events.size() + " events");
      assertTrue(bytes < 512 * 1024, "history of " + bytes + " bytes");
      assertTrue(largest < 256 * 1024, "largest event " + largest + " bytes");
    } finally {
      kubectl("delete", "namespace", ns, "--wait=false");
    }
  }
}
