package dev.converge.activities.track.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.activities.track.Fixtures;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadinessProbeWindowTest {
  // the never-ready pod of fixtures/rollout: readinessProbe initialDelay 5, period 10, threshold 3
  private final Pod pod =
      Fixtures.load("rollout/pods.json", PodList.class).getItems().stream()
          .filter(p -> p.getMetadata().getName().equals("api-5bfb4fb599-n757z"))
          .findFirst()
          .orElseThrow();
  private final Instant started =
      Instant.parse(
          pod.getStatus().getContainerStatuses().get(0).getState().getRunning().getStartedAt());

  @Test
  void windowCoversInitialDelayAndAllButTheLastAllowedFailure() {
    Probe probe = pod.getSpec().getContainers().get(0).getReadinessProbe();
    // first probe by 10+5 s, its timeout 1, one more period, half a period, a timeout
    assertEquals(Duration.ofSeconds(32), ReadinessProbeWindow.compute(probe, null));
  }

  @Test
  void failuresInsideTheWindowAreIgnoredAndLaterOnesCount() {
    assertTrue(ReadinessProbeWindow.ignored(pod, "app", started.plusSeconds(31), Map.of()));
    assertFalse(ReadinessProbeWindow.ignored(pod, "app", started.plusSeconds(33), Map.of()));
  }

  @Test
  void annotationOverridesTheComputedWindow() {
    assertTrue(
        ReadinessProbeWindow.ignored(pod, "app", started.plusSeconds(100), Map.of("app", 120)));
    assertFalse(ReadinessProbeWindow.ignored(pod, "app", started.plusSeconds(1), Map.of("app", 0)));
  }

  @Test
  void failureThresholdOneMeansNoWindow() {
    Probe strict = new ProbeBuilder().withFailureThreshold(1).withPeriodSeconds(5).build();
    assertEquals(Duration.ZERO, ReadinessProbeWindow.compute(strict, null));
  }

  @Test
  void slowStartupProbeLeavesOnlyOnePeriodAfterIt() {
    Probe readiness = new ProbeBuilder().withPeriodSeconds(10).withFailureThreshold(3).build();
    Probe startup = new ProbeBuilder().withPeriodSeconds(10).withFailureThreshold(30).build();
    // period 10 + timeout 1 + 1 period + 5 + timeout 1
    assertEquals(Duration.ofSeconds(27), ReadinessProbeWindow.compute(readiness, startup));
  }
}
