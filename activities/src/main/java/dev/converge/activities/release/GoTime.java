package dev.converge.activities.release;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as Helm writes them: Go's RFC 3339 with nanoseconds, trailing zeros dropped ({@code
 * 2025-03-01T09:00:00.12Z}), and {@code ""} for the zero time (Helm's own time type). Records keep
 * the text as read, so re-encoding a Helm-written record leaves its times untouched.
 */
public final class GoTime {
  // ISO_LOCAL_TIME prints the fraction with as few digits as needed, like Go's RFC3339Nano.
  private static final DateTimeFormatter RFC3339_NANO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  private static final Instant GO_ZERO = Instant.parse("0001-01-01T00:00:00Z");

  private GoTime() {}

  public static String format(Instant instant) {
    return instant == null ? "" : RFC3339_NANO.format(instant.atOffset(ZoneOffset.UTC));
  }

  /**
   * @return null for Helm's zero time ({@code ""}, {@code null} or Go's year-1 zero value)
   */
  public static Instant parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    Instant instant = OffsetDateTime.parse(text, RFC3339_NANO).toInstant();
    return instant.equals(GO_ZERO) ? null : instant;
  }
}
