package dev.converge.api.codec;

import dev.converge.api.auth.BearerTokens;
import dev.converge.api.auth.Caller;
import dev.converge.api.error.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Who may use {@code /codec/*}. Decoding reveals the values of every release in the Temporal
 * namespace, so it needs a token limited to no kube context or namespace ({@code "*"} for both);
 * encoding reveals nothing and any known token may do it. A CORS pre-flight carries no
 * credentials by design and passes (Spring answers it without calling the handler).
 */
public class CodecAuthInterceptor implements HandlerInterceptor {
  private final BearerTokens tokens;

  public CodecAuthInterceptor(BearerTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (CorsUtils.isPreFlightRequest(request)) {
      return true;
    }
    // An Origin header is not a credential: every call needs a token, the UI's too.
    Caller caller = tokens.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION));
    // Decided on the handler Spring routed to, never on the raw URI: /codec/decode;x and
    // /codec/%64ecode reach decode too. Anything but encode needs an unlimited token.
    boolean encode = handler instanceof HandlerMethod method && "encode".equals(method.getMethod().getName());
    if (!encode && (caller.namespaceLimit().isPresent() || caller.contextLimit().isPresent())) {
      throw new ForbiddenException("token " + caller.name() + " is limited to some namespaces; decoding needs a token for all of them");
    }
    return true;
  }
}
