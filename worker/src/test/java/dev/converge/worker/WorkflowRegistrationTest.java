package dev.converge.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.converge.workflows.WorkflowType;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.InputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker runs exactly the workflow types the API may start: one list, WorkflowType. */
class WorkflowRegistrationTest {
  // Never connected: registering types needs no server.
  private final WorkflowServiceStubs service =
      WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:1").build());
  private final WorkerFactory factory =
      WorkerFactory.newInstance(WorkflowClient.newInstance(service));

  @AfterEach
  void close() {
    service.shutdownNow();
  }

  @Test
  void everyWorkflowTypeIsRegisteredOnTheWorkersQueue() {
    Worker worker = factory.newWorker("converge");
    new WorkflowRegistration(factory, "converge").afterSingletonsInstantiated();
    for (WorkflowType type : WorkflowType.values()) {
      // The SDK refuses a second registration of a type: the first one happened.
      IllegalStateException twice =
          assertThrows(
              IllegalStateException.class,
              () -> worker.registerWorkflowImplementationTypes(type.implementation()),
              type.name());
      assertTrue(twice.getMessage().contains(type.typeName()), twice.getMessage());
    }
  }

  @Test
  void aQueueWithoutAWorkerIsRefusedAtStartup() {
    factory.newWorker("other");
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> new WorkflowRegistration(factory, "converge").afterSingletonsInstantiated());
    assertEquals("no Temporal worker polls task queue converge", refused.getMessage());
  }

  @Test
  void applicationYmlListsNoWorkflowClassesSoNoTypeIsRegisteredTwice() throws Exception {
    JsonNode config;
    try (InputStream yml = getClass().getResourceAsStream("/application.yml")) {
      config = new ObjectMapper(new YAMLFactory()).readTree(yml);
    }
    JsonNode workers = config.at("/spring/temporal/workers");
    assertEquals(1, workers.size(), "WorkflowRegistration serves the first worker only");
    workers.forEach(worker -> assertTrue(worker.path("workflow-classes").isMissingNode()));
  }
}
