package dev.converge.activities.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The tracking's timeout counts from when the workflow scheduled it, as the workflow's deadline
 * does: counted from a late start on a busy worker, the workflow's timer fired first and its cancel
 * dropped the report that named the object still waiting.
 */
class TrackDeadlineTest {
  private final Instant now = Instant.parse("2026-12-07T06:05:23Z");

  @Test
  void countsFromTheScheduledTime() {
    Instant scheduled = now.minusMillis(1200);
    assertEquals(scheduled, TrackRun.firstStart(scheduled, now, 60));
  }

  @Test
  void aScheduledTimeUnknownOrNotPlausibleIsReplacedByNow() {
    assertEquals(now, TrackRun.firstStart(null, now, 60));
    assertEquals(now, TrackRun.firstStart(Instant.EPOCH, now, 60)); // test environments give 0
    assertEquals(now, TrackRun.firstStart(now.plusSeconds(2), now, 60)); // server clock ahead
  }
}
