package dev.converge.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.converge.api.bundle.Bundles;
import dev.converge.api.converge.Converges;
import dev.converge.api.release.ReleaseRevisions;
import dev.converge.api.release.ReleaseRuns;
import dev.converge.api.temporal.TemporalGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The whole app minus Temporal: the OpenAPI document is served without a token and lists every
 * path.
 */
@SpringBootTest(
    properties =
        "spring.autoconfigure.exclude="
            + "io.temporal.spring.boot.autoconfigure.ServiceStubsAutoConfiguration,"
            + "io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration,"
            + "io.temporal.spring.boot.autoconfigure.NonRootNamespaceAutoConfiguration,"
            + "io.temporal.spring.boot.autoconfigure.TestServerAutoConfiguration,"
            + "io.temporal.spring.boot.autoconfigure.MetricsScopeAutoConfiguration,"
            + "io.temporal.spring.boot.autoconfigure.OpenTracingAutoConfiguration")
@AutoConfigureMockMvc
class OpenApiDocumentTest {
  @Autowired MockMvc mvc;
  @MockitoBean Converges converges;
  @MockitoBean ReleaseRevisions releases;
  @MockitoBean Bundles bundles;
  @MockitoBean ReleaseRuns runs;
  @MockitoBean TemporalGateway temporal;

  @Test
  void apiDocsAreServedWithoutATokenAndDescribeEveryEndpoint() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.openapi").exists())
        .andExpect(jsonPath("$.paths['/api/v1/converges'].post").exists())
        .andExpect(jsonPath("$.paths['/api/v1/converges'].get").exists())
        .andExpect(
            jsonPath("$.paths['/api/v1/converges/converge/{context}/{namespace}/{release}'].get")
                .exists())
        .andExpect(
            jsonPath(
                    "$.paths['/api/v1/converges/converge/{context}/{namespace}/{release}/events'].get")
                .exists())
        .andExpect(
            jsonPath(
                    "$.paths['/api/v1/converges/converge/{context}/{namespace}/{release}/cancel'].post")
                .exists())
        .andExpect(
            jsonPath(
                    "$.paths['/api/v1/converges/converge/{context}/{namespace}/{release}/runs/{runId}/timeline'].get")
                .exists())
        .andExpect(jsonPath("$.paths['/api/v1/releases/{namespace}/{release}'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/bundles/publish'].post").exists())
        .andExpect(jsonPath("$.paths['/api/v1/bundles/copy'].post").exists())
        .andExpect(jsonPath("$.paths['/api/v1/plans'].post").exists())
        .andExpect(
            jsonPath("$.paths['/api/v1/releases/{namespace}/{release}/rollback'].post").exists())
        .andExpect(
            jsonPath("$.paths['/api/v1/releases/{namespace}/{release}/dismiss'].post").exists())
        .andExpect(
            jsonPath("$.paths['/api/v1/releases/{namespace}/{release}/{operation}']")
                .doesNotExist())
        .andExpect(jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"))
        .andExpect(jsonPath("$.components.schemas.ConvergeResult.properties.operations").exists())
        .andExpect(
            jsonPath("$.components.schemas.ConvergeResult.properties.completed.deprecated")
                .value(true))
        .andExpect(
            jsonPath("$.components.schemas.ConvergeResult.properties.canceled.deprecated")
                .value(true));
  }

  @Test
  void healthAndPrometheusMetricsAreServedWithoutAToken() throws Exception {
    mvc.perform(get("/actuator/health"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("UP"));
    mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk());
  }
}
