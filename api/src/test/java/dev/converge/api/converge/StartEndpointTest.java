package dev.converge.api.converge;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.converge.api.ApiSliceTest;
import dev.converge.api.Fixtures;
import dev.converge.api.error.ConflictException;
import dev.converge.api.error.RunFailedException;
import dev.converge.api.temporal.StartedRun;
import dev.converge.workflows.model.ConvergeRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

class StartEndpointTest extends ApiSliceTest {
  private static final String SHOP_BODY =
      "{\"release\":\"shop\",\"namespace\":\"shop\",\"chart\":\"examples/shop\",\"values\":{\"replicas\":2}}";

  @Test
  void startReturns202WithTheWorkflowAndRunIds() throws Exception {
    when(converges.start(any(), any(), any())).thenReturn(new StartedRun(ID, "run-1"));

    start(SHOP_BODY, ADMIN)
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.workflowId").value(ID))
        .andExpect(jsonPath("$.runId").value("run-1"));

    verify(converges)
        .start(
            eq(
                new ConvergeRequest(
                    "shop",
                    "shop",
                    "examples/shop",
                    Map.of("replicas", 2),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    0,
                    false)),
            eq(
                Map.of(
                    "release",
                    "shop",
                    "namespace",
                    "shop",
                    "chart",
                    "examples/shop",
                    "values",
                    Map.of("replicas", 2))),
            eq("admin"));
  }

  @Test
  void unknownKeyAndWrongTypeAre400NamingEachFieldAndNothingStarts() throws Exception {
    start(
            "{\"release\":\"shop\",\"namespace\":\"shop\",\"chart\":\"examples/shop\",\"replica\":1,\"timeoutSeconds\":\"soon\"}",
            ADMIN)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields[?(@.field == 'replica')]").exists())
        .andExpect(jsonPath("$.fields[?(@.field == 'timeoutSeconds')]").exists());

    verify(converges, never()).start(any(), any(), any());
  }

  @Test
  void missingRequiredFieldsAre400AndNothingStarts() throws Exception {
    start("{\"release\":\"shop\"}", ADMIN)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields[?(@.field == 'namespace')]").exists())
        .andExpect(jsonPath("$.fields[?(@.field == 'chart')]").exists());

    verify(converges, never()).start(any(), any(), any());
  }

  @Test
  void malformedJsonOrANonObjectBodyIs400WithAnErrorBody() throws Exception {
    start("{\"release\":", ADMIN)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").isString());
    start("[1,2]", ADMIN)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").isString());

    verify(converges, never()).start(any(), any(), any());
  }

  @Test
  void aReleaseAlreadyConvergingIs409NamingTheRunningWorkflow() throws Exception {
    when(converges.start(any(), any(), any()))
        .thenThrow(new ConflictException("a converge of shop in shop is already running", ID));

    start(SHOP_BODY, ADMIN)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.workflowId").value(ID))
        .andExpect(jsonPath("$.error").value("a converge of shop in shop is already running"));
  }

  @Test
  void waitReturns200WithTheReportWhenDeployed() throws Exception {
    StartedRun run = new StartedRun(ID, "run-1");
    when(converges.start(any(), any(), any())).thenReturn(run);
    when(converges.await(run)).thenReturn(Fixtures.deployed());

    start(SHOP_BODY, ADMIN, "?wait=true")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.outcome").value("DEPLOYED"))
        .andExpect(jsonPath("$.revision").value(3));
  }

  @Test
  void waitReturns422WithTheReportWhenFailed() throws Exception {
    StartedRun run = new StartedRun(ID, "run-1");
    when(converges.start(any(), any(), any())).thenReturn(run);
    when(converges.await(run))
        .thenThrow(new RunFailedException("broken-app crashed", Fixtures.failed()));

    start(SHOP_BODY, ADMIN, "?wait=true")
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.outcome").value("FAILED"))
        .andExpect(jsonPath("$.compensated[0]").value("Deployment/shop/broken-app"));
  }

  @Test
  void waitReturns422WithTheErrorWhenTheRunEndedWithoutAReport() throws Exception {
    StartedRun run = new StartedRun(ID, "run-1");
    when(converges.start(any(), any(), any())).thenReturn(run);
    when(converges.await(run)).thenThrow(new RunFailedException("terminated: by operator", null));

    start(SHOP_BODY, ADMIN, "?wait=true")
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.error").value("terminated: by operator"));
  }

  @Test
  void aGetOnTheCollectionWithAWrongMethodIs405() throws Exception {
    mvc.perform(
            MockMvcRequestBuilders.delete("/api/v1/converges")
                .header(HttpHeaders.AUTHORIZATION, ADMIN))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(header().exists(HttpHeaders.ALLOW));
  }

  private ResultActions start(String body, String auth) throws Exception {
    return start(body, auth, "");
  }

  private ResultActions start(String body, String auth, String query) throws Exception {
    return mvc.perform(
        post("/api/v1/converges" + query)
            .header(HttpHeaders.AUTHORIZATION, auth)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }
}
