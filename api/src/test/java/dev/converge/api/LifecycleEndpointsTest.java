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

import dev.converge.api.error.ConflictException;
import dev.converge.api.error.OperationFailedException;
import dev.converge.api.temporal.StartedRun;
import dev.converge.workflows.WorkflowType;
import dev.converge.workflows.model.ApprovalDecision;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.planning.PlanResult;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class LifecycleEndpointsTest extends ApiSliceTest {

  @Test
  void rollbackAndDismissRunUnderTheReleasesConvergeId() throws Exception {
    when(runs.start(any(), anyString(), anyMap())).thenReturn(new StartedRun(ID, "run-1"));
    mvc.perform(
            post("/api/v1/releases/shop/shop/rollback")
                .param("revision", "2")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isAccepted());
    verify(runs)
        .start(
            eq(WorkflowType.ROLLBACK),
            eq(ID),
            eq(
                Map.of(
                    "release",
                    "shop",
                    "namespace",
                    "shop",
                    "kubeContext",
                    "default",
                    "revision",
                    2)));
    mvc.perform(
            post("/api/v1/releases/shop/shop/dismiss")
                .param("deleteNamespace", "true")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isAccepted());
    verify(runs)
        .start(
            eq(WorkflowType.DISMISS),
            eq(ID),
            eq(
                Map.of(
                    "release",
                    "shop",
                    "namespace",
                    "shop",
                    "kubeContext",
                    "default",
                    "deleteNamespace",
                    true)));
  }

  @Test
  void aTokenReachesOnlyItsNamespacesAndBadInputIsA400() throws Exception {
    mvc.perform(
            post("/api/v1/releases/payments/shop/dismiss").header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/api/v1/releases/shop/shop/rollback")
                .param("revision", "-1")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields[0].field").value("revision"));
    verify(runs, never()).start(any(), anyString(), anyMap());
  }

  @Test
  void aFailedDismissIsA422WithWhatItDid() throws Exception {
    when(runs.start(any(), anyString(), anyMap())).thenReturn(new StartedRun(ID, "run-1"));
    when(runs.awaitDismiss(any()))
        .thenThrow(
            new OperationFailedException(
                "dismiss of shop failed: could not delete", Map.of("deleted", List.of())));
    mvc.perform(
            post("/api/v1/releases/shop/shop/dismiss")
                .param("wait", "true")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.error").value("dismiss of shop failed: could not delete"));
  }

  @Test
  void anApprovalCarriesTheTokensNameAndAStaleDigestIsA409() throws Exception {
    when(converges.approve(eq(ID), any()))
        .thenReturn("approved plan sha256:p")
        .thenThrow(
            new ConflictException(
                "plan digest sha256:old is not the plan waiting for approval", ID));
    mvc.perform(
            post("/api/v1/converges/" + ID + "/approve")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"planDigest\":\"sha256:p\",\"reason\":\"ok\"}")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.result").value("approved plan sha256:p"));
    verify(converges).approve(ID, new ApprovalDecision("sha256:p", true, "shop-ci", "ok"));
    mvc.perform(
            post("/api/v1/converges/" + ID + "/approve")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"planDigest\":\"sha256:old\"}")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isConflict());
    mvc.perform(
            post("/api/v1/converges/" + ID + "/approve")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"approve\":true}")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isBadRequest());
  }

  @Test
  void withFourEyesTheTokenThatStartedAConvergeMayRejectButNotApproveIt() throws Exception {
    when(converges.startedBy(ID)).thenReturn("shop-ci");
    when(converges.approve(eq(ID), any())).thenReturn("done");
    String approve = "{\"planDigest\":\"sha256:p\",\"by\":\"admin\"}";
    mvc.perform(
            post("/api/v1/converges/" + ID + "/approve")
                .contentType(MediaType.APPLICATION_JSON)
                .content(approve)
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value(Matchers.containsString("four-eyes")));
    verify(converges, never()).approve(any(), any());

    mvc.perform(
            post("/api/v1/converges/" + ID + "/approve")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"planDigest\":\"sha256:p\",\"approve\":false}")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isOk());
    // A "by" in the body is ignored: the decision carries the approving token's name.
    mvc.perform(
            post("/api/v1/converges/" + ID + "/approve")
                .contentType(MediaType.APPLICATION_JSON)
                .content(approve)
                .header(HttpHeaders.AUTHORIZATION, ADMIN))
        .andExpect(status().isOk());
    verify(converges).approve(ID, new ApprovalDecision("sha256:p", false, "shop-ci", null));
    verify(converges).approve(ID, new ApprovalDecision("sha256:p", true, "admin", null));
  }

  @Test
  void aStartRecordsWhichTokenStartedIt() throws Exception {
    when(converges.start(any(), any(), any())).thenReturn(new StartedRun(ID, "run-1"));
    mvc.perform(
            post("/api/v1/converges")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"release\":\"shop\",\"namespace\":\"shop\",\"chart\":\"examples/shop\"}")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isAccepted());
    verify(converges).start(any(), any(), eq("shop-ci"));
  }

  @Test
  void aPlanAnswersWithItsExitCode() throws Exception {
    when(runs.start(eq(WorkflowType.PLAN), eq("plan/default/shop/shop"), anyMap()))
        .thenReturn(new StartedRun("plan/default/shop/shop", "r"));
    when(runs.awaitPlan(any()))
        .thenReturn(
            new PlanResult(
                "shop",
                "shop",
                "default",
                "examples/shop",
                2,
                DeployType.UPGRADE,
                true,
                2,
                List.of(
                    new PlanResult.Operation(
                        "MAIN", "MAIN weight 0", "update", "ConfigMap/shop/shop-config")),
                List.of(),
                "sha256:p"));
    mvc.perform(
            post("/api/v1/plans")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"release\":\"shop\",\"namespace\":\"shop\",\"chart\":\"examples/shop\"}")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.exitCode").value(2));
    mvc.perform(
            post("/api/v1/plans")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"release\":\"shop\",\"namespace\":\"payments\",\"chart\":\"examples/shop\"}")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isForbidden());
  }
}
