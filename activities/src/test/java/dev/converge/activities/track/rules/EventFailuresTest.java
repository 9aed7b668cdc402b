package dev.converge.activities.track.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.converge.activities.track.Fixtures;
import dev.converge.activities.track.rules.EventFailures.Kind;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** event-*.json were recorded on the local stack; probe events are built like the kubelet's. */
class EventFailuresTest {

  @Test
  void warningWhoseReasonContainsFailedIsAFailure() {
    Event event = Fixtures.load("event-hpa-failed.json", Event.class);
    assertEquals(Kind.FAILED, EventFailures.classify(event));
    PodFailure failure = EventFailures.failure(event);
    assertEquals("HorizontalPodAutoscaler/web", failure.pod());
    assertEquals(
        "HorizontalPodAutoscaler/web: FailedGetResourceMetric: failed to get cpu utilization",
        failure.describe().substring(0, 83));
  }

  @Test
  void normalEventWithFailedInItsReasonOnlyDescribesWaiting() {
    Event binding = Fixtures.load("event-pvc-failed-binding-normal.json", Event.class);
    assertEquals(Kind.INFO, EventFailures.classify(binding));
  }

  @Test
  void readinessProbeFailureNamesItsContainer() {
    Event event = Fixtures.podEvent("Warning", "Unhealthy", "Readiness probe failed: HTTP 503", 4);
    assertEquals(Kind.READINESS_PROBE, EventFailures.classify(event));
    assertEquals("app", EventFailures.container(event));
    assertEquals(
        "pod api-5bfb4fb599-n757z container app: Unhealthy: Readiness probe failed: HTTP 503",
        EventFailures.failure(event).describe());
  }

  @Test
  void livenessProbeKillIsAProbeTriggeredRestart() {
    Event event =
        Fixtures.podEvent(
            "Normal", "Killing", "Container app failed liveness probe, will be restarted", 1);
    assertEquals(Kind.PROBE_RESTART, EventFailures.classify(event));
    Event plainKill = Fixtures.podEvent("Normal", "Killing", "Stopping container app", 1);
    assertEquals(Kind.INFO, EventFailures.classify(plainKill));
  }

  @Test
  void repeatsOfAnEventAreToldApartByTheirCount() {
    Event first = Fixtures.podEvent("Warning", "Unhealthy", "Readiness probe failed: HTTP 503", 1);
    Event second = Fixtures.podEvent("Warning", "Unhealthy", "Readiness probe failed: HTTP 503", 2);
    assertNotEquals(EventFailures.failure(first).key(), EventFailures.failure(second).key());
  }

  @Test
  void timeIsTheLastOccurrence() {
    Event event = Fixtures.load("event-hpa-failed.json", Event.class);
    assertEquals(Instant.parse("2026-11-21T12:02:35Z"), EventFailures.time(event));
  }
}
