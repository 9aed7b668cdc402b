package dev.converge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.converge.api.drift.DriftScheduleView;
import dev.converge.api.drift.DriftSettings;
import dev.converge.api.temporal.StartedRun;
import dev.converge.workflows.drift.DriftMode;
import dev.converge.workflows.drift.DriftRequest;
import dev.converge.workflows.drift.DriftResult;
import dev.converge.workflows.drift.DriftState;
import dev.converge.workflows.drift.IgnoreRule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class DriftEndpointsTest extends ApiSliceTest {
  private static final String PATH = "/api/v1/releases/shop/shop/drift";

  @Test
  void aScheduleIsPutWithItsIntervalModeAndIgnoreRules() throws Exception {
    when(drift.put(any(), any(), any()))
        .thenReturn(
            new DriftScheduleView(
                "drift/default/shop/shop", "5m", false, Map.of(), List.of(), List.of(), null));
    mvc.perform(
            put(PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"interval\":\"5m\",\"mode\":\"correct\",\"ignore\":[{\"kind\":\"Deployment\","
                        + "\"name\":\"web\",\"paths\":[\"/spec/replicas\"]}]}")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.scheduleId").value("drift/default/shop/shop"));
    ArgumentCaptor<DriftRequest> request = ArgumentCaptor.forClass(DriftRequest.class);
    ArgumentCaptor<DriftSettings> settings = ArgumentCaptor.forClass(DriftSettings.class);
    verify(drift).put(request.capture(), any(), settings.capture());
    assertEquals(DriftMode.CORRECT, request.getValue().mode());
    assertEquals(
        List.of(new IgnoreRule("Deployment", "web", List.of("/spec/replicas"))),
        request.getValue().ignore());
    assertEquals(Duration.ofMinutes(5), settings.getValue().interval());
  }

  @Test
  void everyMistakeOfAScheduleIsNamedAtOnceAndNothingIsCreated() throws Exception {
    mvc.perform(
            put(PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"interval\":\"1s\",\"mode\":\"fix\",\"ignore\":[{\"paths\":[\"spec\"]}],"
                        + "\"release\":\"other\"}")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields[?(@.field=='interval')]").exists())
        .andExpect(jsonPath("$.fields[?(@.field=='mode')]").exists())
        .andExpect(jsonPath("$.fields[?(@.field=='ignore[0].paths[0]')]").exists())
        .andExpect(jsonPath("$.fields[?(@.field=='release')]").exists());
    mvc.perform(
            put(PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields[0].field").value("interval"));
    verifyNoInteractions(drift);
  }

  @Test
  void aTokenReachesOnlyTheSchedulesOfItsNamespaces() throws Exception {
    String other = "/api/v1/releases/payments/shop/drift";
    mvc.perform(get(other).header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isForbidden());
    mvc.perform(delete(other).header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isForbidden());
    mvc.perform(
            put(other)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"interval\":\"5m\"}")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isForbidden());
    mvc.perform(post(other + "/check").header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isForbidden());
    mvc.perform(get(PATH).param("kubeContext", "prod").header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isForbidden());
    verifyNoInteractions(drift);
  }

  @Test
  void aCheckNowTakesTheSchedulesIgnoreRulesAndAnswersTheReport() throws Exception {
    when(drift.scheduledInput(any()))
        .thenReturn(
            Map.of(
                "ignore",
                List.of(Map.of("kind", "Deployment", "paths", List.of("/spec/replicas")))));
    when(drift.checkNow(any(), any()))
        .thenReturn(new StartedRun("drift/default/shop/shop-now-1", "r"));
    when(drift.await(any()))
        .thenReturn(
            new DriftResult(
                "shop",
                "shop",
                "default",
                DriftMode.WARN,
                DriftState.IN_SYNC,
                2,
                7,
                List.of(),
                List.of(),
                null,
                40));
    mvc.perform(post(PATH + "/check").param("wait", "true").header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("IN_SYNC"))
        .andExpect(jsonPath("$.checked").value(7));
    ArgumentCaptor<DriftRequest> request = ArgumentCaptor.forClass(DriftRequest.class);
    verify(drift).checkNow(request.capture(), any());
    assertEquals(
        List.of(new IgnoreRule("Deployment", null, List.of("/spec/replicas"))),
        request.getValue().ignore());
    verify(drift, never()).put(any(), any(), any());
    verify(drift).await(eq(new StartedRun("drift/default/shop/shop-now-1", "r")));
  }
}
