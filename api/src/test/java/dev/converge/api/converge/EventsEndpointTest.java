package dev.converge.api.converge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.api.ApiSliceTest;
import dev.converge.api.Fixtures;
import dev.converge.api.error.NotFoundException;
import dev.converge.api.error.UnavailableException;
import dev.converge.workflows.model.Operation;
import dev.converge.workflows.model.Operation.Kind;
import dev.converge.workflows.model.Operation.Status;
import dev.converge.workflows.model.Progress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

class EventsEndpointTest extends ApiSliceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void streamsProgressChangesAndNewLogLinesThenEndsWithTheOutcome() throws Exception {
    var waiting = Fixtures.progress("Ready 0/1", List.of());
    var crashing = Fixtures.progress("Ready 0/1, restarts 1", List.of("panic: no config"));
    var ready = Fixtures.progress("Ready 1/1", List.of("panic: no config", "listening on :8080"));
    when(converges.status(ID, null)).thenReturn(Fixtures.running(waiting));
    when(converges.status(ID, "run-1"))
        .thenReturn(
            Fixtures.running(waiting),
            Fixtures.running(crashing),
            Fixtures.running(ready),
            Fixtures.completed());

    List<JsonNode> lines = stream();

    assertEquals(
        List.of("run", "progress", "progress", "log", "progress", "log", "end"), types(lines));
    assertEquals("Ready 0/1", lines.get(1).at("/resources/0/info").asText());
    assertEquals("panic: no config", lines.get(3).get("line").asText());
    assertEquals(
        "listening on :8080",
        lines.get(5).get("line").asText(),
        "a log line already shown is not repeated");
    JsonNode end = lines.get(6);
    assertEquals("COMPLETED", end.get("status").asText());
    assertEquals("DEPLOYED", end.get("outcome").asText());
    assertEquals(3, end.at("/report/revision").asInt());
  }

  @Test
  void eachOperationIsALineWhenItsStatusChanges() throws Exception {
    Operation pending =
        new Operation(
            "release/pending",
            Kind.RELEASE,
            "revision 3",
            "RELEASE",
            Status.PENDING,
            null,
            null,
            List.of());
    Operation create =
        new Operation(
            "main/create/apps/Deployment/shop/web",
            Kind.CREATE,
            "Deployment/shop/web",
            "MAIN",
            Status.PENDING,
            null,
            null,
            List.of("release/pending"));
    Operation done = pending.with(Status.COMPLETED, "2026-12-03T10:00:00Z", "2026-12-03T10:00:01Z");
    var before = Fixtures.progress("Ready 0/1", List.of());
    var first = withOperations(before, List.of(pending, create));
    var second = withOperations(before, List.of(done, create));
    when(converges.status(ID, null)).thenReturn(Fixtures.running(first));
    when(converges.status(ID, "run-1")).thenReturn(Fixtures.running(second), Fixtures.completed());

    List<JsonNode> lines = stream();

    assertEquals(
        List.of("run", "progress", "operation", "operation", "progress", "operation", "end"),
        types(lines));
    assertEquals("release/pending", lines.get(2).at("/operation/id").asText());
    assertEquals("PENDING", lines.get(3).at("/operation/status").asText());
    assertEquals("release/pending", lines.get(5).at("/operation/id").asText());
    assertEquals("COMPLETED", lines.get(5).at("/operation/status").asText(), "only what changed");
  }

  private static Progress withOperations(Progress p, List<Operation> operations) {
    return new Progress(
        p.phase(), p.step(), p.revision(), p.resources(), p.lastLogLines(), operations);
  }

  @Test
  void aRunThatAlreadyEndedGetsItsEndLineAtOnce() throws Exception {
    when(converges.status(ID, null)).thenReturn(Fixtures.failedRun());

    List<JsonNode> lines = stream();

    assertEquals(List.of("run", "end"), types(lines));
    assertEquals("FAILED", lines.get(1).get("outcome").asText());
    assertEquals("Deployment/shop/broken-app", lines.get(1).at("/report/compensated/0").asText());
  }

  @Test
  void aTemporalBlipDoesNotEndTheStream() throws Exception {
    when(converges.status(ID, null)).thenReturn(Fixtures.running(null));
    when(converges.status(ID, "run-1"))
        .thenThrow(new UnavailableException("Temporal is not reachable", new RuntimeException()))
        .thenReturn(Fixtures.completed());

    assertEquals(List.of("run", "end"), types(stream()));
  }

  @Test
  void anUnexpectedReadFailureIsRetriedNotAStreamWithoutItsEnd() throws Exception {
    when(converges.status(ID, null)).thenReturn(Fixtures.running(null));
    when(converges.status(ID, "run-1"))
        .thenThrow(new IllegalStateException("RESOURCE_EXHAUSTED: rate limit"))
        .thenReturn(Fixtures.completed());

    assertEquals(List.of("run", "end"), types(stream()));
  }

  @Test
  void theStreamGivesUpWithAnErrorLineWhenTemporalStaysAway() throws Exception {
    when(converges.status(ID, null)).thenReturn(Fixtures.running(null));
    when(converges.status(ID, "run-1"))
        .thenThrow(new UnavailableException("Temporal is not reachable", new RuntimeException()));

    List<JsonNode> lines = stream();

    assertEquals(List.of("run", "error"), types(lines));
  }

  @Test
  void eventsOfAnUnknownWorkflowIs404BeforeAnyStreaming() throws Exception {
    when(converges.status(ID, null)).thenThrow(new NotFoundException("no converge " + ID));
    mvc.perform(get(ID_PATH + "/events").header(HttpHeaders.AUTHORIZATION, ADMIN))
        .andExpect(status().isNotFound());
  }

  @Test
  void aFirstReadThatFailsIsA503WithItsReasonNotA500() throws Exception {
    when(converges.status(ID, null))
        .thenThrow(new UnavailableException("Temporal is not reachable", new RuntimeException()));
    mvc.perform(get(ID_PATH + "/events").header(HttpHeaders.AUTHORIZATION, ADMIN))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.error").value("Temporal is not reachable"));
  }

  private List<JsonNode> stream() throws Exception {
    MvcResult started =
        mvc.perform(get(ID_PATH + "/events").header(HttpHeaders.AUTHORIZATION, ADMIN))
            .andExpect(request().asyncStarted())
            .andReturn();
    started.getAsyncResult(10_000); // the stream's own thread completes it
    String body =
        mvc.perform(asyncDispatch(started))
            .andExpect(status().isOk())
            .andExpect(content().contentType("application/x-ndjson"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : body.split("\n")) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  private static List<String> types(List<JsonNode> lines) {
    return lines.stream().map(l -> l.get("type").asText()).toList();
  }
}
