package dev.converge.api.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.api.codec.CodecSettings;
import dev.converge.api.error.ApiError;
import dev.converge.workflows.model.ConvergeRequest;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The API's door, on Spring Security: bearer tokens authenticate, and every path is decided here on
 * the path Spring routes (decoded, without path parameters), never on the raw URI. What a token may
 * reach: a run or release path only in its contexts and namespaces; the codec's decode only with a
 * token for every release; the OpenAPI document, health and metrics open to probes; anything else
 * refused. Requests whose target is in the body (start, plan, bundles) are checked by their
 * controller once the body is parsed, still before anything starts. URLs not in normal form (path
 * parameters, encoded slashes or dots, double slashes) are refused by the firewall before routing.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MISSING = "missing bearer token: send Authorization: Bearer <token>";
  private static final String BEARER = "Bearer ";

  @Bean
  BearerTokens bearerTokens(ApiTokens tokens) {
    return new BearerTokens(tokens);
  }

  @Bean
  UiSessions uiSessions(CodecSettings codec) {
    return new UiSessions(codec.uiSession(), Clock.systemUTC());
  }

  @Bean
  SecurityFilterChain api(
      HttpSecurity http, BearerTokens tokens, CodecSettings codec, UiSessions sessions)
      throws Exception {
    RequestMatcher codecCall =
        PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.POST, "/codec/{operation:encode|decode}");
    AuthenticationFilter bearer =
        new AuthenticationFilter(
            new ProviderManager(tokens), request -> presented(request, codecCall, sessions));
    bearer.setSuccessHandler((request, response, authentication) -> {});
    bearer.setFailureHandler(
        (request, response, failure) -> unauthorized(response, failure.getMessage()));
    http.csrf(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .cors(c -> c.configurationSource(cors(codec)))
        .addFilterAt(bearer, BasicAuthenticationFilter.class)
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (request, response, failure) -> unauthorized(response, MISSING))
                    .accessDeniedHandler(
                        (request, response, denied) ->
                            write(response, HttpStatus.FORBIDDEN, denied.getMessage())))
        .authorizeHttpRequests(
            a ->
                a
                    // The continuation of a request already decided (events streams, error
                    // rendering).
                    .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                    .permitAll()
                    // Probes and scrapers: health and metrics hold no values, only counts and
                    // timings.
                    .requestMatchers(
                        HttpMethod.GET,
                        "/actuator/health",
                        "/actuator/health/**",
                        "/actuator/prometheus")
                    .permitAll()
                    .requestMatchers(
                        HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml")
                    .permitAll()
                    // The browser sign-in of the UI's decoded view: the token is checked by the
                    // page itself.
                    .requestMatchers(HttpMethod.GET, "/codec/login")
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/codec/login", "/codec/logout")
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/codec/encode")
                    .authenticated()
                    .requestMatchers("/codec/**", "/actuator/**")
                    .access(allReleases())
                    .requestMatchers(
                        "/api/v1/converges/converge/{context}/{namespace}",
                        "/api/v1/converges/converge/{context}/{namespace}/**",
                        "/api/v1/releases/{namespace}",
                        "/api/v1/releases/{namespace}/**")
                    .access(releaseScope())
                    .requestMatchers("/api/**")
                    .authenticated()
                    .anyRequest()
                    .denyAll());
    return http.build();
  }

  /** Firewall refusals (a URL not in normal form) answer like every other refusal, naming why. */
  @Bean
  WebSecurityCustomizer refusedUrls() {
    return web ->
        web.requestRejectedHandler(
            (request, response, rejected) ->
                write(response, HttpStatus.FORBIDDEN, "refused: " + rejected.getMessage()));
  }

  /**
   * The bearer token of the Authorization header; for the codec's two calls only, and only without
   * that header, the token behind the browser's session cookie (so a cookie never reaches a run).
   */
  private static Authentication presented(
      HttpServletRequest request, RequestMatcher codecCall, UiSessions sessions) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null && request.getCookies() != null && codecCall.matches(request)) {
      return Arrays.stream(request.getCookies())
          .filter(c -> CodecLoginController.COOKIE.equals(c.getName()))
          .map(Cookie::getValue)
          .map(sessions::token)
          .flatMap(Optional::stream)
          .findFirst()
          .map(TokenAuthentication::presented)
          .orElse(null);
    }
    if (header == null
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        || header.substring(BEARER.length()).isBlank()) {
      return null; // anonymous: refused by the entry point wherever a token is needed
    }
    return TokenAuthentication.presented(header.substring(BEARER.length()).strip());
  }

  /** Decoding reveals every release's values: only a token limited to no context or namespace. */
  private static AuthorizationManager<RequestAuthorizationContext> allReleases() {
    return (authentication, context) -> {
      Caller caller = caller(authentication);
      if (caller == null) {
        return new AuthorizationDecision(false);
      }
      if (!caller.unlimited()) {
        throw new AccessDeniedException(
            "token "
                + caller.name()
                + " is limited to some namespaces; "
                + context.getRequest().getRequestURI()
                + " needs a token for all of them");
      }
      return new AuthorizationDecision(true);
    };
  }

  /** A path naming a release: the token's contexts and namespaces must include it. */
  private static AuthorizationManager<RequestAuthorizationContext> releaseScope() {
    return (authentication, context) -> {
      Caller caller = caller(authentication);
      if (caller == null) {
        return new AuthorizationDecision(false);
      }
      String kubeContext =
          context
              .getVariables()
              .getOrDefault("context", context.getRequest().getParameter("kubeContext"));
      caller
          .refusal(
              kubeContext == null || kubeContext.isBlank()
                  ? ConvergeRequest.DEFAULT_CONTEXT
                  : kubeContext,
              context.getVariables().get("namespace"))
          .ifPresent(
              refusal -> {
                throw new AccessDeniedException(refusal);
              });
      return new AuthorizationDecision(true);
    };
  }

  private static Caller caller(Supplier<? extends Authentication> authentication) {
    return authentication.get() != null
            && authentication.get().getPrincipal() instanceof Caller caller
        ? caller
        : null;
  }

  /**
   * Only the codec server is reachable from the Temporal UI's browser origin; every call still
   * needs a token.
   */
  private static UrlBasedCorsConfigurationSource cors(CodecSettings codec) {
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    if (!codec.uiOrigins().isEmpty()) {
      CorsConfiguration ui = new CorsConfiguration();
      ui.setAllowedOrigins(codec.uiOrigins());
      ui.setAllowedMethods(List.of("POST"));
      // The UI sends X-Namespace on every codec call.
      ui.setAllowedHeaders(
          List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.AUTHORIZATION, "X-Namespace"));
      ui.setAllowCredentials(true);
      ui.setMaxAge(600L);
      source.registerCorsConfiguration("/codec/**", ui);
    }
    return source;
  }

  private static void unauthorized(HttpServletResponse response, String message)
      throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    write(response, HttpStatus.UNAUTHORIZED, message);
  }

  private static void write(HttpServletResponse response, HttpStatus status, String message)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    JSON.writeValue(response.getOutputStream(), new ApiError(message));
  }
}
