package dev.converge.api.auth;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request's authentication: the presented bearer token before it is checked, the {@link Caller}
 * it names after. What the caller may reach is decided from the Caller's scopes (SecurityConfig),
 * not from authorities.
 */
public final class TokenAuthentication extends AbstractAuthenticationToken {
  private final String presented;
  private final Caller caller;

  private TokenAuthentication(String presented, Caller caller) {
    super(List.of());
    this.presented = presented;
    this.caller = caller;
    setAuthenticated(caller != null);
  }

  static TokenAuthentication presented(String token) {
    return new TokenAuthentication(token, null);
  }

  static TokenAuthentication of(Caller caller) {
    return new TokenAuthentication(null, caller);
  }

  @Override
  public Object getCredentials() {
    return presented;
  }

  @Override
  public Object getPrincipal() {
    return caller;
  }
}
