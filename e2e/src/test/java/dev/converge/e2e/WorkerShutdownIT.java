package dev.converge.e2e;

import static dev.converge.e2e.Stack.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.converge.workflows.model.Outcome;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * helm-java's Go runtime grabs SIGTERM when it loads; the worker must still stop on a plain kill.
 */
class WorkerShutdownIT {

  @Test
  void workerStopsGracefullyOnSigtermAfterItRendered() throws Exception {
    String ns = E2e.namespace("e2e-stop");
    String id = E2e.workflowId(ns, "stopper");
    Service worker = Service.worker("worker-shutdown");
    try {
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
              E2e.json(E2e.request("stopper", ns, "examples/shop")))
          .ok();
      // A finished converge has rendered, so helm-java's native library (and its Go runtime) is
      // loaded.
      assertEquals(Outcome.DEPLOYED, E2e.result(E2e.temporalClient(), id).outcome());

      worker.process.destroy();

      assertTrue(
          worker.process.waitFor(30, TimeUnit.SECONDS), "worker still running 30s after SIGTERM");
      assertTrue(Files.readString(worker.log).contains("shutdown"), "shutdown hooks ran");
    } finally {
      worker.kill9();
    }
  }
}
