package dev.converge.api.converge;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.converge.api.ApiSliceTest;
import dev.converge.api.Fixtures;
import dev.converge.api.auth.Caller;
import dev.converge.api.error.ConflictException;
import dev.converge.api.error.NotFoundException;
import dev.converge.api.error.UnavailableException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

class RunEndpointsTest extends ApiSliceTest {

  @Test
  void statusOfARunningConvergeShowsItsLiveProgress() throws Exception {
    when(converges.status(ID, null))
        .thenReturn(Fixtures.running(Fixtures.progress("Ready 0/1", List.of())));

    get(ID_PATH)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("RUNNING"))
        .andExpect(jsonPath("$.progress.phase").value("TRACK"))
        .andExpect(jsonPath("$.progress.resources[0].info").value("Ready 0/1"))
        .andExpect(jsonPath("$.report").doesNotExist());
  }

  @Test
  void statusOfAFailedConvergeCarriesTheReportAndTheError() throws Exception {
    when(converges.status(ID, null)).thenReturn(Fixtures.failedRun());

    get(ID_PATH)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("FAILED"))
        .andExpect(jsonPath("$.outcome").value("FAILED"))
        .andExpect(jsonPath("$.error").value("Deployment/shop/broken-app: CrashLoopBackOff"))
        .andExpect(jsonPath("$.report.failedPhase").value("TRACK"))
        .andExpect(jsonPath("$.closeTime").value("2026-11-02T10:00:09Z"));
  }

  @Test
  void statusOfAnUnknownWorkflowIs404() throws Exception {
    when(converges.status(ID, null)).thenThrow(new NotFoundException("no converge " + ID));
    get(ID_PATH)
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("no converge " + ID));
  }

  @Test
  void temporalUnreachableIs503() throws Exception {
    when(converges.status(ID, null))
        .thenThrow(
            new UnavailableException("Temporal is not reachable: down", new RuntimeException()));
    get(ID_PATH)
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.error").value("Temporal is not reachable: down"));
  }

  @Test
  void cancelOfARunningConvergeIs202() throws Exception {
    when(converges.cancel(ID)).thenReturn(Fixtures.running(null));
    post(ID_PATH + "/cancel")
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.workflowId").value(ID))
        .andExpect(jsonPath("$.runId").value("run-1"));
    verify(converges).cancel(ID);
  }

  @Test
  void cancelOfAnUnknownWorkflowIs404AndOfAnEndedOneIs409() throws Exception {
    when(converges.cancel(ID)).thenThrow(new NotFoundException("no converge " + ID));
    post(ID_PATH + "/cancel").andExpect(status().isNotFound());

    String other = "converge/default/shop/other";
    when(converges.cancel(other))
        .thenThrow(
            new ConflictException(
                "the latest run of " + other + " already ended: COMPLETED", other));
    post("/api/v1/converges/" + other + "/cancel")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.workflowId").value(other));
  }

  @Test
  void listReturnsRunsFilteredByReleaseNamespaceAndOutcome() throws Exception {
    RunSummary run =
        new RunSummary(
            ID,
            "run-1",
            "FAILED",
            "FAILED",
            "shop",
            "shop",
            "default",
            4L,
            Fixtures.START,
            Instant.parse("2026-11-02T10:01:00Z"));
    when(converges.list(any())).thenReturn(List.of(run));

    get("/api/v1/converges?release=shop&namespace=shop&outcome=FAILED&limit=5")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].workflowId").value(ID))
        .andExpect(jsonPath("$[0].revision").value(4))
        .andExpect(jsonPath("$[0].outcome").value("FAILED"));
    verify(converges)
        .list(
            new RunFilter(
                "shop",
                "shop",
                "FAILED",
                5,
                new Caller("admin", List.of("*"), List.of("*"), List.of("*"), List.of("*"))));
  }

  @Test
  void listRefusesParametersThatAreNotNamesOrKnownValuesWith400NamingThem() throws Exception {
    get("/api/v1/converges?outcome=BROKEN")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields[0].field").value("outcome"));
    get("/api/v1/converges?release=x' OR '1'='1")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields[0].field").value("release"));
    get("/api/v1/converges?namespace=Shop")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields[0].field").value("namespace"));
    get("/api/v1/converges?limit=0")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields[0].field").value("limit"));
    get("/api/v1/converges?limit=many")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").isString());
    verifyNoInteractions(converges);
  }

  @Test
  void timelineListsEachStepWithTimesAndOutcome() throws Exception {
    Timeline timeline =
        new Timeline(
            ID,
            "run-1",
            "COMPLETED",
            Fixtures.START,
            Fixtures.START.plusSeconds(5),
            List.of(
                new Timeline.Step(
                    "RenderChart",
                    "1",
                    Fixtures.START,
                    Fixtures.START.plusMillis(10),
                    Fixtures.START.plusSeconds(1),
                    "COMPLETED",
                    1,
                    null)));
    when(converges.timeline(ID, "run-1")).thenReturn(timeline);

    get(ID_PATH + "/runs/run-1/timeline")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.steps[0].activity").value("RenderChart"))
        .andExpect(jsonPath("$.steps[0].scheduled").value("2026-11-02T10:00:00Z"))
        .andExpect(jsonPath("$.steps[0].closed").value("2026-11-02T10:00:01Z"))
        .andExpect(jsonPath("$.steps[0].outcome").value("COMPLETED"));
  }

  @Test
  void timelineOfAnUnknownRunIs404() throws Exception {
    when(converges.timeline(ID, "nope")).thenThrow(new NotFoundException("no run nope of " + ID));
    get(ID_PATH + "/runs/nope/timeline").andExpect(status().isNotFound());
  }

  @Test
  void anUnknownPathUnderTheApiIs404() throws Exception {
    get("/api/v1/nothing-here")
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").isString());
  }

  private ResultActions get(String path) throws Exception {
    return mvc.perform(MockMvcRequestBuilders.get(path).header(HttpHeaders.AUTHORIZATION, ADMIN));
  }

  private ResultActions post(String path) throws Exception {
    return mvc.perform(MockMvcRequestBuilders.post(path).header(HttpHeaders.AUTHORIZATION, ADMIN));
  }
}
