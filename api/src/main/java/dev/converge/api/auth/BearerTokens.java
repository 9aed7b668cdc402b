package dev.converge.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/** Finds the configured token behind a presented bearer token. */
public class BearerTokens implements AuthenticationProvider {
  private final ApiTokens config;

  public BearerTokens(ApiTokens config) {
    this.config = config;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    return caller((String) authentication.getCredentials())
        .map(TokenAuthentication::of)
        .orElseThrow(() -> new BadCredentialsException("unknown bearer token"));
  }

  /** The caller a token names, or empty for a token nobody configured. */
  public Optional<Caller> caller(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    byte[] presented = token.getBytes(StandardCharsets.UTF_8);
    int index = 0;
    for (ApiTokens.Token known : config.tokens()) {
      index++;
      // Constant-time compare: response timing must not reveal how much of a token matched.
      if (known.token() != null
          && !known.token().isBlank()
          && MessageDigest.isEqual(presented, known.token().getBytes(StandardCharsets.UTF_8))) {
        String name = known.name() == null || known.name().isBlank() ? "#" + index : known.name();
        boolean fourEyes = known.fourEyes() == null ? config.fourEyes() : known.fourEyes();
        return Optional.of(
            new Caller(
                name,
                known.contexts(),
                known.namespaces(),
                known.charts(),
                known.registries(),
                fourEyes));
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return TokenAuthentication.class.isAssignableFrom(authentication);
  }
}
