package dev.converge.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.api.codec.CodecConfiguration;
import dev.converge.api.codec.CodecController;
import dev.converge.api.codec.CodecEndpointTest;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The UI's decoded view: a browser signs in once with a token and then decodes by its session
 * cookie; what curl can make up (an Origin, a guessed cookie) decodes nothing, and the cookie opens
 * no other door of the API.
 */
@WebMvcTest(
    controllers = {CodecController.class, CodecLoginController.class},
    properties = {
      "converge.api.tokens[0].name=admin", "converge.api.tokens[0].token=admin-token",
      "converge.api.tokens[0].contexts=*", "converge.api.tokens[0].namespaces=*",
      "converge.api.tokens[1].name=shop-ci", "converge.api.tokens[1].token=shop-token",
      "converge.api.tokens[1].contexts=default", "converge.api.tokens[1].namespaces=shop",
      "converge.codec.keys.k1=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
          "converge.codec.active-key=k1",
      "converge.codec.ui-origins=http://127.0.0.1:8233"
    })
@Import({CodecConfiguration.class, CodecLoginTest.Probe.class})
class CodecLoginTest {
  static final String UI = "http://127.0.0.1:8233";
  @Autowired MockMvc mvc;

  /** Any authenticated API path, to see whether the session cookie opens it. */
  @RestController
  static class Probe {
    @GetMapping("/api/v1/whoami")
    String whoami(@AuthenticationPrincipal Caller caller) {
      return caller.name();
    }
  }

  private MockHttpServletResponse login(String token) throws Exception {
    return mvc.perform(
            post("/codec/login")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("token", token))
        .andReturn()
        .getResponse();
  }

  private Cookie signedIn() throws Exception {
    MockHttpServletResponse response = login("admin-token");
    assertEquals(200, response.getStatus());
    return response.getCookie(CodecLoginController.COOKIE);
  }

  private String encrypted() throws Exception {
    return mvc.perform(
            CodecEndpointTest.call("encode", CodecEndpointTest.plainPayloads())
                .header(HttpHeaders.AUTHORIZATION, CodecEndpointTest.ADMIN))
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  @Test
  void theSignInPageIsOpenAndAsksForTheTokenWithoutShowingIt() throws Exception {
    String page =
        mvc.perform(get("/codec/login"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertTrue(page.contains("type=\"password\" name=\"token\""), page);
  }

  @Test
  void aSignedInBrowserDecodesFromTheUiOriginByItsCookieAlone() throws Exception {
    MockHttpServletResponse response = login("admin-token");
    String setCookie = response.getHeader(HttpHeaders.SET_COOKIE);
    assertTrue(
        setCookie.contains("HttpOnly")
            && setCookie.contains("SameSite=Strict")
            && setCookie.contains("Path=/codec"),
        setCookie);
    assertFalse(response.getContentAsString().contains("admin-token"));
    Cookie cookie = response.getCookie(CodecLoginController.COOKIE);

    // The UI's preflight, then its call with credentials.
    mvc.perform(
            options("/codec/decode")
                .header(HttpHeaders.ORIGIN, UI)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type,x-namespace"))
        .andExpect(status().isOk())
        .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true"));
    String decoded =
        mvc.perform(
                CodecEndpointTest.call("decode", encrypted())
                    .header(HttpHeaders.ORIGIN, UI)
                    .cookie(cookie))
            .andExpect(status().isOk())
            .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, UI))
            .andReturn()
            .getResponse()
            .getContentAsString();
    ObjectMapper json = new ObjectMapper();
    assertEquals(json.readTree(CodecEndpointTest.plainPayloads()), json.readTree(decoded));
  }

  @Test
  void madeUpCookiesAndOriginsDecodeNothing() throws Exception {
    signedIn();
    for (String value :
        new String[] {"", "x", "admin-token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
      mvc.perform(
              CodecEndpointTest.call("decode", encrypted())
                  .header(HttpHeaders.ORIGIN, UI)
                  .cookie(new Cookie(CodecLoginController.COOKIE, value)))
          .andExpect(status().isUnauthorized());
    }
  }

  @Test
  void aTokenLimitedToSomeNamespacesOrAnUnknownOneGetsNoSession() throws Exception {
    MockHttpServletResponse scoped = login("shop-token");
    assertEquals(403, scoped.getStatus());
    assertNull(scoped.getCookie(CodecLoginController.COOKIE));
    MockHttpServletResponse unknown = login("guessed-token");
    assertEquals(401, unknown.getStatus());
    assertNull(unknown.getCookie(CodecLoginController.COOKIE));
    assertFalse(unknown.getContentAsString().contains("guessed-token"));
    assertEquals(401, login("").getStatus());
  }

  @Test
  void theCookieOpensTheCodecOnlyNotTheRestOfTheApi() throws Exception {
    Cookie cookie = signedIn();
    mvc.perform(get("/api/v1/whoami").cookie(cookie)).andExpect(status().isUnauthorized());
    mvc.perform(get("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, CodecEndpointTest.ADMIN))
        .andExpect(status().isOk());
  }

  @Test
  void signingOutEndsTheSession() throws Exception {
    Cookie cookie = signedIn();
    MockHttpServletResponse out =
        mvc.perform(post("/codec/logout").cookie(cookie))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse();
    assertEquals(0, out.getCookie(CodecLoginController.COOKIE).getMaxAge());
    mvc.perform(CodecEndpointTest.call("decode", encrypted()).cookie(cookie))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void signingOutAnswersWhateverTheClientAccepts() throws Exception {
    for (String accept : new String[] {"application/json", "*/*", "text/plain", "image/png"}) {
      int status =
          mvc.perform(
                  post("/codec/logout")
                      .header(HttpHeaders.ACCEPT, accept)
                      .cookie(new Cookie(CodecLoginController.COOKIE, "%Rs:W")))
              .andReturn()
              .getResponse()
              .getStatus();
      assertTrue(status < 500, accept + " answered " + status);
    }
  }
}
