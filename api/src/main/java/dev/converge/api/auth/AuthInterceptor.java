package dev.converge.api.auth;

import dev.converge.workflows.model.ConvergeRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Runs before every {@code /api/**} handler: 401 without a known token; 403 when the path names a
 * kube context or namespace the token may not touch. Requests whose target is in the body (start)
 * are checked by the controller once the body is parsed, still before anything starts.
 */
public class AuthInterceptor implements HandlerInterceptor {
  private final BearerTokens tokens;

  public AuthInterceptor(BearerTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    Caller caller = tokens.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION));
    request.setAttribute(Caller.ATTRIBUTE, caller);
    @SuppressWarnings("unchecked")
    Map<String, String> vars = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (vars != null && vars.containsKey("namespace")) {
      String context = vars.getOrDefault("context", request.getParameter("kubeContext"));
      caller.require(context == null || context.isBlank() ? ConvergeRequest.DEFAULT_CONTEXT : context, vars.get("namespace"));
    }
    return true;
  }
}
