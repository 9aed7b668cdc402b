package dev.converge.api.auth;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sign-in page that lets a browser's Temporal UI decode: the token is typed once here and never
 * leaves the API again; the browser keeps only a session cookie (HttpOnly, SameSite=Strict, path
 * /codec), which no script of the UI's page can read and no other site can make it send. The UI
 * sends it when its Data Encoder setting "include cross-origin credentials" is on.
 */
@RestController
@RequestMapping("/codec")
public class CodecLoginController {
  public static final String COOKIE = "converge_codec";
  private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

  private final BearerTokens tokens;
  private final UiSessions sessions;

  public CodecLoginController(BearerTokens tokens, UiSessions sessions) {
    this.tokens = tokens;
    this.sessions = sessions;
  }

  @Operation(summary = "Sign-in page for the Temporal UI's decoded view")
  @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> page() {
    return html(
        HttpStatus.OK,
        """
        <p>Sign in with a converge API token for all contexts and namespaces: this browser's
        Temporal UI then shows payloads decoded.</p>
        <form method="post" action="login"><input type="password" name="token" autocomplete="off"
        aria-label="token" autofocus> <button type="submit">Sign in</button></form>""");
  }

  @Operation(summary = "Exchange a token for a browser session cookie of the codec server")
  @PostMapping(
      path = "/login",
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> login(
      @RequestParam(name = "token", required = false) String token, HttpServletRequest request) {
    Caller caller = token == null ? null : tokens.caller(token.strip()).orElse(null);
    if (caller == null) {
      return html(
          HttpStatus.UNAUTHORIZED, "<p>Unknown token. <a href=\"login\">Try again</a>.</p>");
    }
    if (!caller.unlimited()) {
      return html(
          HttpStatus.FORBIDDEN,
          "<p>Token "
              + caller.name().replaceAll("[^A-Za-z0-9._-]", "?")
              + " is limited to some namespaces; decoding shows every release's values and needs a token for all of them.</p>");
    }
    ResponseCookie cookie =
        ResponseCookie.from(COOKIE, sessions.open(token.strip()))
            .httpOnly(true)
            .secure(request.isSecure())
            .sameSite("Strict")
            .path("/codec")
            .maxAge(sessions.lifetime())
            .build();
    return ResponseEntity.ok()
        .header(HttpHeaders.SET_COOKIE, cookie.toString())
        .contentType(HTML)
        .body(
            page(
                """
        <p>Signed in for %d hours. In the Temporal UI open Data Encoder (the lock icon), set the
        endpoint to this server's <code>/codec</code>, turn on <em>Include cross-origin
        credentials</em> and apply.</p>
        <form method="post" action="logout"><button type="submit">Sign out</button></form>"""
                    .formatted(sessions.lifetime().toHours())));
  }

  @Operation(summary = "End this browser's codec session")
  @PostMapping(path = "/logout", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> logout(HttpServletRequest request) {
    // The raw cookie, not @CookieValue: that one URL-decodes, and a malformed value must not fail.
    if (request.getCookies() != null) {
      Arrays.stream(request.getCookies())
          .filter(c -> COOKIE.equals(c.getName()))
          .forEach(c -> sessions.close(c.getValue()));
    }
    ResponseCookie gone =
        ResponseCookie.from(COOKIE, "")
            .httpOnly(true)
            .secure(request.isSecure())
            .sameSite("Strict")
            .path("/codec")
            .maxAge(0)
            .build();
    return ResponseEntity.ok()
        .header(HttpHeaders.SET_COOKIE, gone.toString())
        .contentType(HTML)
        .body(page("<p>Signed out.</p>"));
  }

  private static ResponseEntity<String> html(HttpStatus status, String body) {
    return ResponseEntity.status(status).contentType(HTML).body(page(body));
  }

  private static String page(String body) {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>converge codec</title></head><body>"
        + "<h1>converge: decoded view</h1>"
        + body
        + "</body></html>";
  }
}
