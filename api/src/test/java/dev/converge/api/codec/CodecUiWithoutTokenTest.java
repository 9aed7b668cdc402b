package dev.converge.api.codec;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

/** The local-only switch: the dev server's UI decodes without a token, nobody else does. */
@WebMvcTest(
    controllers = CodecController.class,
    properties = {
      "converge.api.tokens[0].name=admin", "converge.api.tokens[0].token=admin-token",
      "converge.api.tokens[0].contexts=*", "converge.api.tokens[0].namespaces=*",
      "converge.codec.keys.k1=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "converge.codec.active-key=k1",
      "converge.codec.ui-origins=http://127.0.0.1:8233", "converge.codec.ui-without-token=true"
    })
@Import(CodecConfiguration.class)
class CodecUiWithoutTokenTest {
  @Autowired MockMvc mvc;

  @Test
  void theConfiguredUiOriginDecodesWithoutAToken() throws Exception {
    mvc.perform(CodecEndpointTest.call("decode", CodecEndpointTest.plainPayloads()).header(HttpHeaders.ORIGIN, "http://127.0.0.1:8233"))
        .andExpect(status().isOk());
  }

  @Test
  void anyOtherOriginOrNoOriginStillNeedsAToken() throws Exception {
    mvc.perform(CodecEndpointTest.call("decode", CodecEndpointTest.plainPayloads()).header(HttpHeaders.ORIGIN, "http://localhost:9999"))
        .andExpect(status().isForbidden()); // refused by CORS before auth is even asked
    mvc.perform(CodecEndpointTest.call("decode", CodecEndpointTest.plainPayloads())).andExpect(status().isUnauthorized());
  }

  @Test
  void aPresentedTokenIsAlwaysChecked() throws Exception {
    mvc.perform(CodecEndpointTest.call("decode", CodecEndpointTest.plainPayloads()).header(HttpHeaders.ORIGIN, "http://127.0.0.1:8233")
            .header(HttpHeaders.AUTHORIZATION, "Bearer wrong")).andExpect(status().isUnauthorized());
  }
}
