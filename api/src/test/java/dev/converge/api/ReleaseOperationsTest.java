package dev.converge.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.converge.api.temporal.StartedRun;
import dev.converge.workflows.WorkflowType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** The one route that starts every workflow type with a release route. */
class ReleaseOperationsTest extends ApiSliceTest {

  @Test
  void queryParametersAndBodyFieldsMakeTheInputWithTheReleaseFromThePath() throws Exception {
    when(runs.start(any(), anyString(), anyMap())).thenReturn(new StartedRun(ID, "run-1"));
    mvc.perform(
            post("/api/v1/releases/shop/shop/rollback")
                .param("revision", "3")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"timeoutSeconds\": 120}")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.workflowId").value(ID));
    verify(runs)
        .start(
            eq(WorkflowType.ROLLBACK),
            eq(ID),
            eq(
                Map.of(
                    "release", "shop",
                    "namespace", "shop",
                    "kubeContext", "default",
                    "revision", 3,
                    "timeoutSeconds", 120)));
  }

  @Test
  void asTheRollbackEndpointDidZeroMeansTheDefaultAndAFormBodyIsIgnored() throws Exception {
    when(runs.start(any(), anyString(), anyMap())).thenReturn(new StartedRun(ID, "run-1"));
    mvc.perform(
            post("/api/v1/releases/shop/shop/rollback")
                .param("timeoutSeconds", "0")
                .param("revision", "0")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isAccepted());
    verify(runs)
        .start(
            eq(WorkflowType.ROLLBACK),
            eq(ID),
            eq(Map.of("release", "shop", "namespace", "shop", "kubeContext", "default")));
    // `null` is no body (schemathesis sent it; it was a 500); an array or a repeated key is a 400
    mvc.perform(
            post("/api/v1/releases/shop/shop/rollback")
                .contentType(MediaType.APPLICATION_JSON)
                .content("null")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isAccepted());
    for (String bad : new String[] {"[1]", "{\"revision\": 1, \"revision\": 2}", "{"}) {
      mvc.perform(
              post("/api/v1/releases/shop/shop/rollback")
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(bad)
                  .header(HttpHeaders.AUTHORIZATION, SHOP))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.fields[0].field").value("body"));
    }
    mvc.perform(
            post("/api/v1/releases/shop/shop/rollback")
                .param("wait", "maybe")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isBadRequest());
  }

  @Test
  void anUnknownOperationIsA404NamingTheKnownOnes() throws Exception {
    mvc.perform(post("/api/v1/releases/shop/shop/upgrade").header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("no operation upgrade; there are rollback, dismiss"));
    verify(runs, never()).start(any(), anyString(), anyMap());
  }

  @Test
  void theBodyCannotNameAnotherContextThanTheOneTheTokenWasCheckedFor() throws Exception {
    mvc.perform(
            post("/api/v1/releases/shop/shop/rollback")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"kubeContext\": \"prod\"}")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.error")
                .value(
                    "kubeContext: comes from the kubeContext query parameter; leave it out of the body"));
    mvc.perform(
            post("/api/v1/releases/shop/shop/rollback")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"namespace\": \"payments\"}")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isBadRequest());
    // The path is what the token was checked for: a query parameter cannot move the run elsewhere.
    mvc.perform(
            post("/api/v1/releases/shop/shop/rollback")
                .param("namespace", "payments")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.error").value("namespace: comes from the path; leave it out of the query"));
    mvc.perform(
            post("/api/v1/releases/shop/shop/rollback")
                .param("release", "other")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isBadRequest());
    mvc.perform(
            post("/api/v1/releases/shop/shop/rollback")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"chart\": \"./x\"}")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields[0].field").value("chart"));
    verify(runs, never()).start(any(), anyString(), anyMap());
  }

  @Test
  void withWaitTheAnswerIsTheRunsResult() throws Exception {
    StartedRun run = new StartedRun(ID, "run-1");
    when(runs.start(any(), anyString(), anyMap())).thenReturn(run);
    when(runs.await(run, WorkflowType.ROLLBACK)).thenReturn(Fixtures.deployed());
    mvc.perform(
            post("/api/v1/releases/shop/shop/rollback")
                .param("wait", "true")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.revision").value(3));
  }
}
