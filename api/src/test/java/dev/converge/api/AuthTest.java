package dev.converge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.converge.api.converge.RunFilter;
import dev.converge.api.temporal.StartedRun;
import java.net.URI;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

class AuthTest extends ApiSliceTest {
  private static final String BODY =
      "{\"release\":\"shop\",\"namespace\":\"%s\",\"chart\":\"examples/shop\"%s}";

  @Test
  void startWithoutATokenIs401WithABearerChallengeAndNothingStarts() throws Exception {
    mvc.perform(startRequest("shop", ""))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
        .andExpect(
            jsonPath("$.error").value("missing bearer token: send Authorization: Bearer <token>"));
    verifyNoInteractions(converges);
  }

  @Test
  void unknownTokenOrOtherSchemeIs401AndNothingStarts() throws Exception {
    mvc.perform(startRequest("shop", "").header(HttpHeaders.AUTHORIZATION, "Bearer guessed"))
        .andExpect(status().isUnauthorized());
    mvc.perform(
            startRequest("shop", "").header(HttpHeaders.AUTHORIZATION, "Basic YWRtaW46YWRtaW4="))
        .andExpect(status().isUnauthorized());
    verifyNoInteractions(converges);
  }

  @Test
  void aBlankConfiguredTokenNeverMatchesAnEmptyBearer() throws Exception {
    mvc.perform(startRequest("shop", "").header(HttpHeaders.AUTHORIZATION, "Bearer "))
        .andExpect(status().isUnauthorized());
    verifyNoInteractions(converges);
  }

  @Test
  void everyReadEndpointNeedsAToken() throws Exception {
    for (String path :
        List.of(
            "/api/v1/converges",
            ID_PATH,
            ID_PATH + "/events",
            ID_PATH + "/runs/r/timeline",
            "/api/v1/releases/shop/shop")) {
      mvc.perform(get(path)).andExpect(status().isUnauthorized());
    }
    mvc.perform(post(ID_PATH + "/cancel")).andExpect(status().isUnauthorized());
    verifyNoInteractions(converges, releases);
  }

  @Test
  void startInANamespaceTheTokenMayNotTouchIs403AndNothingStarts() throws Exception {
    mvc.perform(startRequest("payments", "").header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value("token shop-ci may not touch namespace payments"));
    verify(converges, never()).start(any(), any(), any());
  }

  @Test
  void startInAKubeContextTheTokenMayNotUseIs403AndNothingStarts() throws Exception {
    mvc.perform(
            startRequest("shop", ",\"kubeContext\":\"prod\"")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value("token shop-ci may not use kube context prod"));
    verify(converges, never()).start(any(), any(), any());
  }

  @Test
  void startInsideTheTokensReachIsAccepted() throws Exception {
    when(converges.start(any(), any(), any())).thenReturn(new StartedRun(ID, "run-1"));
    mvc.perform(startRequest("shop", "").header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isAccepted());
  }

  @Test
  void chartsAndFilesOutsideTheTokensChartSourcesAre403AndNothingStarts() throws Exception {
    String[][] refused = {
      {"\"chart\":\"examples/payments\"", "token shop-ci may not deploy chart examples/payments"},
      {
        "\"chart\":\"examples/shop/../payments\"",
        "token shop-ci may not deploy chart examples/shop/../payments"
      },
      {"\"chart\":\"examples/shopping\"", "token shop-ci may not deploy chart examples/shopping"},
      {
        "\"chart\":\"oci://registry.local/payments:1\"",
        "token shop-ci may not deploy chart oci://registry.local/payments:1"
      },
      {
        "\"chart\":\"examples/shop\",\"valuesFiles\":[\"examples/payments/values.yaml\"]",
        "token shop-ci may not read valuesFiles[0] examples/payments/values.yaml"
      },
      {
        "\"chart\":\"examples/shop\",\"setFile\":[\"key=../../etc/shadow\"]",
        "token shop-ci may not read setFile[0] ../../etc/shadow"
      },
      // One argument, two files, as Helm's parser reads it: the second one is checked too.
      {
        "\"chart\":\"examples/shop\",\"setFile\":[\"a=examples/shop/values.yaml,b=examples/payments/key.pem\"]",
        "token shop-ci may not read setFile[0] examples/payments/key.pem"
      },
    };
    for (String[] c : refused) {
      String body = "{\"release\":\"shop\",\"namespace\":\"shop\"," + c[0] + "}";
      mvc.perform(
              post("/api/v1/converges")
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(body)
                  .header(HttpHeaders.AUTHORIZATION, SHOP))
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.error").value(c[1]));
    }
    verify(converges, never()).start(any(), any(), any());
  }

  @Test
  void chartsInsideTheTokensChartSourcesAreAccepted() throws Exception {
    when(converges.start(any(), any(), any())).thenReturn(new StartedRun(ID, "run-1"));
    for (String chart :
        List.of(
            "\"examples/shop\",\"valuesFiles\":[\"examples/shop/values-prod.yaml\"]",
            "\"oci://registry.local/shop:1.2.0\"",
            "\"oci://registry.local/shop@sha256:" + "a".repeat(64) + "\"",
            "\"oci://registry.local/shop/web:1\"")) {
      String body = "{\"release\":\"shop\",\"namespace\":\"shop\",\"chart\":" + chart + "}";
      mvc.perform(
              post("/api/v1/converges")
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(body)
                  .header(HttpHeaders.AUTHORIZATION, SHOP))
          .andExpect(status().isAccepted());
    }
  }

  @Test
  void aBodyOverTheSizeLimitIs413NamingTheLimit() throws Exception {
    String big =
        "{\"release\":\"shop\",\"namespace\":\"shop\",\"chart\":\"examples/shop\",\"values\":{\"blob\":\""
            + "x".repeat(70_000)
            + "\"}}";
    mvc.perform(
            post("/api/v1/converges")
                .contentType(MediaType.APPLICATION_JSON)
                .content(big)
                .header(HttpHeaders.AUTHORIZATION, ADMIN))
        .andExpect(status().is(413))
        .andExpect(
            jsonPath("$.error")
                .value(
                    Matchers.containsString(
                        "the limit is 65536 bytes (converge.api.max-request-bytes)")));
    verify(converges, never()).start(any(), any(), any());
  }

  @Test
  void readingOrCancellingAWorkflowOutsideTheTokensReachIs403() throws Exception {
    String other = "/api/v1/converges/converge/default/payments/api";
    String prod = "/api/v1/converges/converge/prod/shop/shop";
    for (String path : List.of(other, other + "/events", other + "/runs/r/timeline", prod)) {
      mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, SHOP))
          .andExpect(status().isForbidden());
    }
    mvc.perform(post(other + "/cancel").header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isForbidden());
    verifyNoInteractions(converges);
  }

  /**
   * The namespace is read from the routed path: no spelling of another namespace's path gets
   * through.
   */
  @Test
  void everySpellingOfAnotherNamespacesPathIs403() throws Exception {
    for (String path :
        List.of(
            "/api/v1/converges/converge/default/%70ayments/api",
            "/api/v1/converges/converge/default/payments/api;x",
            "/api/v1/converges/converge/default/payments;ns=shop/api",
            "//api/v1/converges/converge/default/payments/api",
            "/api/v1/converges/converge/default/payments/api/",
            "/api/v1/converges/converge/default/shop/../payments/api",
            "/api/v1/converges/converge/default/shop%2f..%2fpayments/api",
            "/api/v1/releases/payments/api/",
            "/api/v1/releases/%70ayments/api",
            "/API/v1/releases/payments/api",
            "/api/v1/releases/payments/api;kubeContext=default")) {
      for (var method :
          List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.POST)) {
        int code =
            mvc.perform(
                    MockMvcRequestBuilders.request(method, URI.create(path))
                        .header(HttpHeaders.AUTHORIZATION, SHOP))
                .andReturn()
                .getResponse()
                .getStatus();
        Assertions.assertEquals(403, code, method + " " + path);
      }
    }
    verifyNoInteractions(converges);
    verifyNoInteractions(releases);
  }

  @Test
  void aPathOutsideTheApiIsRefusedEvenWithAToken() throws Exception {
    mvc.perform(get("/anything").header(HttpHeaders.AUTHORIZATION, ADMIN))
        .andExpect(status().isForbidden());
    mvc.perform(get("/actuator/env").header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isForbidden());
    mvc.perform(get("/anything")).andExpect(status().isUnauthorized());
  }

  @Test
  void releasesOutsideTheTokensNamespaceOrContextAre403() throws Exception {
    mvc.perform(get("/api/v1/releases/payments/api").header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isForbidden());
    mvc.perform(
            get("/api/v1/releases/shop/shop?kubeContext=prod")
                .header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isForbidden());
    verify(releases, never()).revisions(anyString(), anyString(), anyString());
  }

  @Test
  void listingAnotherNamespaceIs403() throws Exception {
    mvc.perform(get("/api/v1/converges?namespace=payments").header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isForbidden());
    verifyNoInteractions(converges);
  }

  @Test
  void aLimitedTokenListsOnlyRunsInsideItsNamespacesAndContexts() throws Exception {
    when(converges.list(any())).thenReturn(List.of());
    mvc.perform(get("/api/v1/converges").header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isOk());

    ArgumentCaptor<RunFilter> filter = ArgumentCaptor.forClass(RunFilter.class);
    verify(converges).list(filter.capture());
    String query = filter.getValue().query().orElseThrow();
    assertTrue(query.contains("ConvergeNamespace IN ('shop')"), query);
    assertTrue(query.contains("ConvergeKubeContext IN ('default')"), query);
  }

  @Test
  void anUnlimitedTokenListsWithoutReachFilters() throws Exception {
    when(converges.list(any())).thenReturn(List.of());
    mvc.perform(get("/api/v1/converges").header(HttpHeaders.AUTHORIZATION, ADMIN))
        .andExpect(status().isOk());

    ArgumentCaptor<RunFilter> filter = ArgumentCaptor.forClass(RunFilter.class);
    verify(converges).list(filter.capture());
    assertEquals("WorkflowType = 'ConvergeWorkflow'", filter.getValue().query().orElseThrow());
  }

  private static MockHttpServletRequestBuilder startRequest(String namespace, String extra) {
    return post("/api/v1/converges")
        .contentType(MediaType.APPLICATION_JSON)
        .content(BODY.formatted(namespace, extra));
  }
}
