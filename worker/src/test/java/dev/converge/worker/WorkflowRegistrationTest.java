package dev.converge.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.converge.workflows.WorkflowType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker runs exactly the workflow types the API may start: one list, WorkflowType. */
class WorkflowRegistrationTest {
  @Test
  void theWorkerRegistersEveryWorkflowTypeAndNoOther() throws Exception {
    JsonNode config;
    try (InputStream yml = getClass().getResourceAsStream("/application.yml")) {
      config = new ObjectMapper(new YAMLFactory()).readTree(yml);
    }
    List<String> registered = new ArrayList<>();
    config
        .at("/spring/temporal/workers")
        .forEach(worker -> worker.get("workflow-classes").forEach(c -> registered.add(c.asText())));
    assertEquals(
        Arrays.stream(WorkflowType.values())
            .map(t -> t.implementation().getName())
            .sorted()
            .toList(),
        registered.stream().sorted().toList());
  }
}
