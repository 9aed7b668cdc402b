package dev.converge.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UiSessionsTest {
  private static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-12-02T10:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aSessionEndsWhenItsLifetimeIsOver() {
    MovableClock clock = new MovableClock();
    UiSessions sessions = new UiSessions(Duration.ofHours(12), clock);
    String id = sessions.open("admin-token");
    assertEquals(Optional.of("admin-token"), sessions.token(id));
    clock.now = clock.now.plus(Duration.ofHours(12));
    assertEquals(Optional.empty(), sessions.token(id));
  }

  @Test
  void idsAreRandomAndManySignInsKeepOnlyTheNewestSessions() {
    UiSessions sessions = new UiSessions(Duration.ofHours(1), new MovableClock());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < UiSessions.MAX_SESSIONS + 10; i++) {
      ids.add(sessions.open("t" + i));
    }
    assertEquals(ids.size(), ids.stream().distinct().count());
    assertTrue(ids.get(0).length() >= 43, ids.get(0));
    long live = ids.stream().filter(id -> sessions.token(id).isPresent()).count();
    assertEquals(UiSessions.MAX_SESSIONS, live);
    assertEquals(Optional.of("t" + (ids.size() - 1)), sessions.token(ids.get(ids.size() - 1)));
  }
}
