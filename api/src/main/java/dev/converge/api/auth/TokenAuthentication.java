package dev.converge.api.auth;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request's authentication: the presented bearer token before it is checked, the {@link Caller}
 * it names after. An unlimited token (every context and namespace) carries {@link #ALL_RELEASES}:
 * only such a token may decode payloads.
 */
public final class TokenAuthentication extends AbstractAuthenticationToken {
  public static final String ALL_RELEASES = "all-releases";
  private final String presented;
  private final Caller caller;

  private TokenAuthentication(String presented, Caller caller) {
    super(caller == null || caller.namespaceLimit().isPresent() || caller.contextLimit().isPresent()
        ? List.of() : List.of(new SimpleGrantedAuthority(ALL_RELEASES)));
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

  @Override
  public void eraseCredentials() {
    super.eraseCredentials();
  }
}
