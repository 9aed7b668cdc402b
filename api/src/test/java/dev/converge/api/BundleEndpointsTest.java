package dev.converge.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.converge.api.error.BundleFailedException;
import dev.converge.api.temporal.StartedRun;
import dev.converge.workflows.WorkflowType;
import dev.converge.workflows.bundle.BundlePublished;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

class BundleEndpointsTest extends ApiSliceTest {
  private static final String PUBLISH =
      "{\"chart\":\"examples/shop\",\"valuesFiles\":[\"examples/shop/values-prod.yaml\"],"
          + "\"repository\":\"oci://registry.local/shop-bundles/shop\",\"tag\":\"1.0.0\"}";
  private static final String ID = "bundle/registry.local/shop-bundles/shop:1.0.0";

  private ResultActions call(String path, String body, String token) throws Exception {
    return mvc.perform(
        post(path)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body)
            .header(HttpHeaders.AUTHORIZATION, token));
  }

  @Test
  void publishStartsOneRunPerTagWithinTheTokensChartsAndRegistries() throws Exception {
    when(bundles.start(eq(WorkflowType.BUNDLE_PUBLISH), eq(ID), any()))
        .thenReturn(new StartedRun(ID, "run-1"));
    call("/api/v1/bundles/publish", PUBLISH, SHOP)
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.workflowId").value(ID));
  }

  @Test
  void aTokenWritesOnlyUnderItsRegistriesAndReadsOnlyItsChartSources() throws Exception {
    call("/api/v1/bundles/publish", PUBLISH.replace("shop-bundles/shop", "other/shop"), SHOP)
        .andExpect(status().isForbidden())
        .andExpect(
            jsonPath("$.error")
                .value("token shop-ci may not write repository oci://registry.local/other/shop"));
    call(
            "/api/v1/bundles/publish",
            PUBLISH.replace("examples/shop/values-prod.yaml", "examples/cart/values.yaml"),
            SHOP)
        .andExpect(status().isForbidden());
    call(
            "/api/v1/bundles/copy",
            "{\"from\":\"oci://registry.local/shop:1.0.0\",\"to\":\"archive:elsewhere/shop.tar.gz\"}",
            SHOP)
        .andExpect(status().isForbidden());
    call(
            "/api/v1/bundles/copy",
            "{\"from\":\"oci://other.local/shop:1.0.0\",\"to\":\"oci://registry.local/shop-bundles/shop\"}",
            SHOP)
        .andExpect(status().isForbidden());
    verify(bundles, never()).start(any(), anyString(), any());
  }

  @Test
  void badInputIsA400NamingTheField() throws Exception {
    call(
            "/api/v1/bundles/publish",
            "{\"chart\":\"examples/shop\",\"repository\":\"oci://registry.local/shop-bundles/shop:1\",\"tag\":\"1.0.0\"}",
            ADMIN)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields[0].field").value("repository"));
    verify(bundles, never()).start(any(), anyString(), any());
  }

  @Test
  void waitingOnAReusedTagIsA409AndOtherFailuresA422() throws Exception {
    when(bundles.start(any(), any(), any())).thenReturn(new StartedRun(ID, "run-1"));
    when(bundles.await(any(), eq(BundlePublished.class)))
        .thenThrow(new BundleFailedException("tag exists with other content", "TagExists", ID))
        .thenThrow(new BundleFailedException("registry refused", "RegistryRefused", ID));
    call("/api/v1/bundles/publish?wait=true", PUBLISH, ADMIN)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("TagExists"));
    call("/api/v1/bundles/publish?wait=true", PUBLISH, ADMIN)
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.error").value("registry refused"));
  }

  @Test
  void runStatusIsOnlyForBundleRunsTheTokenMayWrite() throws Exception {
    mvc.perform(
            get("/api/v1/bundles/runs")
                .param("workflowId", "converge/default/shop/shop")
                .header(HttpHeaders.AUTHORIZATION, ADMIN))
        .andExpect(status().isBadRequest());
    mvc.perform(
            get("/api/v1/bundles/runs")
                .param("workflowId", "bundle/registry.local/other/shop:1")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isForbidden());
    verify(bundles, never()).status(anyString());
  }
}
