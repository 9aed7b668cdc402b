package dev.converge.activities.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.contract.TrackSpec;
import dev.converge.workflows.contract.TrackSpec.FailMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrackLogsTest {

  @Test
  void repeatedFetchesShowEachLineOnceAndMoveTheCursor() {
    LogCursor cursor = new LogCursor(Instant.parse("2026-10-04T08:30:00Z"));
    assertEquals("2026-10-04T08:30:00Z", cursor.sinceTime());
    String first =
        "2026-10-04T08:30:01.100000000Z starting\n"
            + "2026-10-04T08:30:02.250000000Z listening on :8080\n";
    assertEquals(List.of("starting", "listening on :8080"), cursor.newLines(first));
    assertEquals("2026-10-04T08:30:02Z", cursor.sinceTime());
    String second =
        "2026-10-04T08:30:02.250000000Z listening on :8080\n2026-10-04T08:30:02.900000000Z ready\n";
    assertEquals(List.of("ready"), cursor.newLines(second));
  }

  @Test
  void linesWithoutTimestampsAreKeptWholeAndDeduplicated() {
    LogCursor cursor = new LogCursor(Instant.parse("2026-10-04T08:30:00Z"));
    assertEquals(List.of("plain text"), cursor.newLines("plain text"));
    assertEquals(List.of(), cursor.newLines("plain text"));
  }

  @Test
  void skipAndShowOnlyAnnotationsChooseContainers() {
    LogFilter filter = new LogFilter(spec(false, Set.of("sidecar"), Set.of(), null, Map.of()));
    assertTrue(filter.showContainer("app"));
    assertFalse(filter.showContainer("sidecar"));
    LogFilter only = new LogFilter(spec(false, Set.of(), Set.of("app"), null, Map.of()));
    assertTrue(only.showContainer("app"));
    assertFalse(only.showContainer("init"));
    assertFalse(new LogFilter(spec(true, Set.of(), Set.of(), null, Map.of())).showContainer("app"));
  }

  @Test
  void containerRegexWinsOverTheResourceRegex() {
    LogFilter filter =
        new LogFilter(spec(false, Set.of(), Set.of(), "ERROR", Map.of("app", "WARN|ERROR")));
    assertTrue(filter.showLine("app", "WARN slow query"));
    assertFalse(filter.showLine("sidecar", "WARN slow query"));
    assertTrue(filter.showLine("sidecar", "ERROR lost connection"));
  }

  @Test
  void aSkipRegexHidesLinesEvenWhereTheShowRegexMatches() {
    TrackSpec skipping =
        new TrackSpec(
            false,
            FailMode.FAIL_WHOLE_DEPLOY_PROCESS_IMMEDIATELY,
            null,
            TrackSpec.DEFAULT_NO_ACTIVITY_SECONDS,
            Map.of(),
            "converge-sim",
            Map.of(),
            false,
            Set.of(),
            Set.of(),
            false,
            "warning",
            Map.of("proxy", "ready"),
            2);
    LogFilter filter = new LogFilter(skipping);
    assertTrue(filter.showLine("app", "converge-sim: ready to serve requests"));
    assertFalse(filter.showLine("app", "converge-sim: warning: not real"));
    assertFalse(filter.showLine("app", "other line"), "the show regex still applies");
    // The container's skip regex replaces the resource's.
    assertTrue(filter.showLine("proxy", "converge-sim: warning: not real"));
    assertFalse(filter.showLine("proxy", "converge-sim: ready to serve requests"));
    assertEquals(2, filter.replicas());
  }

  private static TrackSpec spec(
      boolean skip,
      Set<String> skipFor,
      Set<String> onlyFor,
      String regex,
      Map<String, String> regexFor) {
    return new TrackSpec(
        false,
        FailMode.FAIL_WHOLE_DEPLOY_PROCESS_IMMEDIATELY,
        null,
        240,
        Map.of(),
        regex,
        regexFor,
        skip,
        skipFor,
        onlyFor,
        false,
        null,
        Map.of(),
        null);
  }
}
