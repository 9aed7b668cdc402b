package dev.converge.api.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

@WebMvcTest(
    controllers = CodecController.class,
    properties = {
      "converge.api.tokens[0].name=admin", "converge.api.tokens[0].token=admin-token",
      "converge.api.tokens[0].contexts=*", "converge.api.tokens[0].namespaces=*",
      "converge.api.tokens[1].name=shop-ci", "converge.api.tokens[1].token=shop-token",
      "converge.api.tokens[1].contexts=default", "converge.api.tokens[1].namespaces=shop",
      "converge.codec.keys.k1=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
          "converge.codec.active-key=k1",
      "converge.codec.ui-origins=http://127.0.0.1:8233,http://localhost:8233"
    })
@Import(CodecConfiguration.class)
public class CodecEndpointTest {
  public static final String ADMIN = "Bearer admin-token";
  static final String SHOP = "Bearer shop-token";
  static final String SECRET = "{\"apiKey\":\"s3cr3t-value-42\"}";
  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired MockMvc mvc;

  public static String plainPayloads() {
    Base64.Encoder b64 = Base64.getEncoder();
    return "{\"payloads\":[{\"metadata\":{\"encoding\":\""
        + b64.encodeToString("json/plain".getBytes(StandardCharsets.UTF_8))
        + "\"},\"data\":\""
        + b64.encodeToString(SECRET.getBytes(StandardCharsets.UTF_8))
        + "\"}]}";
  }

  public static MockHttpServletRequestBuilder call(String op, String body) {
    return post("/codec/" + op)
        .contentType(MediaType.APPLICATION_JSON)
        .header("X-Namespace", "default")
        .content(body);
  }

  @Test
  void encodeHidesThePlaintextAndDecodeGivesItBack() throws Exception {
    String encoded =
        mvc.perform(call("encode", plainPayloads()).header(HttpHeaders.AUTHORIZATION, SHOP))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    JsonNode payload = JSON.readTree(encoded).get("payloads").get(0);
    assertFalse(
        new String(
                Base64.getDecoder().decode(payload.get("data").asText()),
                StandardCharsets.ISO_8859_1)
            .contains("s3cr3t"));
    assertEquals(
        "binary/encrypted",
        new String(
            Base64.getDecoder().decode(payload.get("metadata").get("encoding").asText()),
            StandardCharsets.UTF_8));

    String decoded =
        mvc.perform(call("decode", encoded).header(HttpHeaders.AUTHORIZATION, ADMIN))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertEquals(JSON.readTree(plainPayloads()), JSON.readTree(decoded));
  }

  @Test
  void decodeWithoutATokenIs401AndWithANamespaceLimitedTokenIs403() throws Exception {
    mvc.perform(call("decode", plainPayloads())).andExpect(status().isUnauthorized());
    mvc.perform(call("decode", plainPayloads()).header(HttpHeaders.AUTHORIZATION, "Bearer guessed"))
        .andExpect(status().isUnauthorized());
    mvc.perform(call("decode", plainPayloads()).header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isForbidden());
  }

  /** Routed or refused by the firewall, never decoded: every variant a client could send. */
  @Test
  void aNamespaceLimitedTokenCannotDecodeByAnyVariantOfThePath() throws Exception {
    for (String path :
        List.of(
            "/codec/decode;x",
            "/codec/%64ecode",
            "/codec/decode;jsessionid=1",
            "/codec/de%63ode",
            "/codec//decode",
            "//codec/decode",
            "/codec/decode/",
            "/CODEC/decode",
            "/codec/DECODE",
            "/codec/./decode",
            "/codec/encode/../decode",
            "/codec/%2e/decode",
            "/codec/%2564ecode",
            "/codec%2fdecode",
            "/codec/decode%3bx",
            "/codec/decode?x=/encode",
            "/codec\\decode")) {
      var response =
          mvc.perform(
                  post(URI.create(path.replace("\\", "%5C")))
                      .contentType(MediaType.APPLICATION_JSON)
                      .header("X-Namespace", "default")
                      .content(plainPayloads())
                      .header(HttpHeaders.AUTHORIZATION, SHOP))
              .andReturn()
              .getResponse();
      assertEquals(403, response.getStatus(), path);
      assertFalse(response.getContentAsString().contains("s3cr3t"), path);
    }
    for (var method :
        List.of(HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.GET, HttpMethod.PUT)) {
      int code =
          mvc.perform(
                  MockMvcRequestBuilders.request(method, "/codec/decode")
                      .header(HttpHeaders.AUTHORIZATION, SHOP))
              .andReturn()
              .getResponse()
              .getStatus();
      assertEquals(403, code, method.name());
    }
  }

  @Test
  void anUnlimitedTokenDecodesOnlyAtTheRoutedPath() throws Exception {
    mvc.perform(
            post(URI.create("/codec/%64ecode"))
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Namespace", "default")
                .content(plainPayloads())
                .header(HttpHeaders.AUTHORIZATION, ADMIN))
        .andExpect(status().isOk());
    mvc.perform(
            post(URI.create("/codec/decode;x"))
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Namespace", "default")
                .content(plainPayloads())
                .header(HttpHeaders.AUTHORIZATION, ADMIN))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value(Matchers.containsString("\";\"")));
  }

  @Test
  void theUiOriginNeedsATokenUnlessUiWithoutTokenIsOn() throws Exception {
    mvc.perform(call("decode", plainPayloads()).header(HttpHeaders.ORIGIN, "http://127.0.0.1:8233"))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void payloadsThatAreNotEncryptedPassThroughDecode() throws Exception {
    String decoded =
        mvc.perform(call("decode", plainPayloads()).header(HttpHeaders.AUTHORIZATION, ADMIN))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertEquals(JSON.readTree(plainPayloads()), JSON.readTree(decoded));
  }

  @Test
  void badBase64OrAnUnknownKeyIdIs400() throws Exception {
    mvc.perform(
            call("decode", "{\"payloads\":[{\"metadata\":{},\"data\":\"%%%\"}]}")
                .header(HttpHeaders.AUTHORIZATION, ADMIN))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields[0].field").value("payloads[].data"));
    String otherKey =
        "{\"payloads\":[{\"metadata\":{\"encoding\":\""
            + b64("binary/encrypted")
            + "\",\"encryption-key-id\":\""
            + b64("k9")
            + "\"},\"data\":\""
            + b64("0123456789abcdef0123456789")
            + "\"}]}";
    mvc.perform(call("decode", otherKey).header(HttpHeaders.AUTHORIZATION, ADMIN))
        .andExpect(status().isBadRequest());
  }

  @Test
  void preflightFromTheTemporalUiAllowsPostWithXNamespace() throws Exception {
    mvc.perform(
            options("/codec/decode")
                .header(HttpHeaders.ORIGIN, "http://localhost:8233")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type,x-namespace"))
        .andExpect(status().isOk())
        .andExpect(
            header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:8233"))
        .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true"));
  }

  @Test
  void preflightFromAnotherOriginIsRefused() throws Exception {
    mvc.perform(
            options("/codec/decode")
                .header(HttpHeaders.ORIGIN, "http://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST"))
        .andExpect(status().isForbidden());
  }

  static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
