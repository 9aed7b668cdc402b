package dev.converge.api.codec;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The Temporal UI's origin is allowed by CORS, and that is all: an Origin header is no credential.
 */
@WebMvcTest(
    controllers = CodecController.class,
    properties = {
      "converge.api.tokens[0].name=admin", "converge.api.tokens[0].token=admin-token",
      "converge.api.tokens[0].contexts=*", "converge.api.tokens[0].namespaces=*",
      "converge.codec.keys.k1=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
          "converge.codec.active-key=k1",
      "converge.codec.ui-origins=http://127.0.0.1:8233", "converge.codec.ui-without-token=true"
    })
@Import(CodecConfiguration.class)
class CodecUiOriginTest {
  @Autowired MockMvc mvc;

  @Test
  void theUiOriginWithoutATokenIsRefusedEvenWhereTheOldSwitchIsStillConfigured() throws Exception {
    mvc.perform(
            CodecEndpointTest.call("decode", CodecEndpointTest.plainPayloads())
                .header(HttpHeaders.ORIGIN, "http://127.0.0.1:8233"))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void theUiOriginWithATokenDecodes() throws Exception {
    mvc.perform(
            CodecEndpointTest.call("decode", CodecEndpointTest.plainPayloads())
                .header(HttpHeaders.ORIGIN, "http://127.0.0.1:8233")
                .header(HttpHeaders.AUTHORIZATION, "Bearer admin-token"))
        .andExpect(status().isOk());
  }

  @Test
  void anyOtherOriginIsRefusedByCors() throws Exception {
    mvc.perform(
            CodecEndpointTest.call("decode", CodecEndpointTest.plainPayloads())
                .header(HttpHeaders.ORIGIN, "http://localhost:9999")
                .header(HttpHeaders.AUTHORIZATION, "Bearer admin-token"))
        .andExpect(status().isForbidden());
  }
}
