package dev.converge.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions of the codec server: a person signs in once on {@code /codec/login} with a
 * token, and the browser then holds a random session id in an HttpOnly cookie that the Temporal UI
 * sends with its codec calls. The id is the credential, so only its hash is kept; the token behind
 * it is checked again on every call, so a token removed from the configuration ends its sessions.
 * Sessions live in this process only: a restart signs everyone out.
 */
public class UiSessions {
  static final int MAX_SESSIONS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Session(String token, Instant expires) {}

  private final Map<String, Session> byHash = new ConcurrentHashMap<>();
  private final Duration lifetime;
  private final Clock clock;

  public UiSessions(Duration lifetime, Clock clock) {
    this.lifetime = lifetime;
    this.clock = clock;
  }

  public Duration lifetime() {
    return lifetime;
  }

  /** A new session for {@code token}; the returned id goes into the cookie and nowhere else. */
  public synchronized String open(String token) {
    Instant now = clock.instant();
    byHash.values().removeIf(s -> !s.expires().isAfter(now));
    while (byHash.size() >= MAX_SESSIONS) {
      byHash.entrySet().stream()
          .min(Comparator.comparing(e -> e.getValue().expires()))
          .ifPresent(oldest -> byHash.remove(oldest.getKey()));
    }
    byte[] id = new byte[32];
    RANDOM.nextBytes(id);
    String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    byHash.put(hash(encoded), new Session(token, now.plus(lifetime)));
    return encoded;
  }

  /** The token behind a live session id, or empty for an unknown or expired one. */
  public Optional<String> token(String id) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    Session session = byHash.get(hash(id));
    if (session == null || !session.expires().isAfter(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(session.token());
  }

  public void close(String id) {
    if (id != null) {
      byHash.remove(hash(id));
    }
  }

  private static String hash(String id) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from this JVM", e);
    }
  }
}
