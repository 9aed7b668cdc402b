package dev.converge.api.auth;

import dev.converge.api.error.UnauthorizedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Finds the configured token behind an {@code Authorization} header. */
public class BearerTokens {
  private static final String PREFIX = "Bearer ";
  private final ApiTokens config;

  public BearerTokens(ApiTokens config) {
    this.config = config;
  }

  public Caller authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      throw new UnauthorizedException("missing bearer token: send Authorization: Bearer <token>");
    }
    byte[] presented = authorization.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
    int index = 0;
    for (ApiTokens.Token token : config.tokens()) {
      index++;
      // Constant-time compare: response timing must not reveal how much of a token matched.
      if (token.token() != null && !token.token().isBlank()
          && MessageDigest.isEqual(presented, token.token().getBytes(StandardCharsets.UTF_8))) {
        String name = token.name() == null || token.name().isBlank() ? "#" + index : token.name();
        return new Caller(name, token.contexts(), token.namespaces(), token.charts(), token.registries());
      }
    }
    throw new UnauthorizedException("unknown bearer token");
  }
}
