package dev.converge.activities.track.rules;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Readiness probe failures while a container starts are expected: they are ignored for a window
 * after the container started ({@code werf.io/ignore-readiness-probe-fails-for-<container>}, else
 * computed from the probe). Pure.
 */
public final class ReadinessProbeWindow {
  private ReadinessProbeWindow() {}

  /**
   * Is a readiness probe failure of this container at this time still expected?
   *
   * @param overrides seconds per container from the annotations
   */
  public static boolean ignored(
      Pod pod, String container, Instant failedAt, Map<String, Integer> overrides) {
    Optional<Container> spec =
        pod.getSpec() == null
            ? Optional.empty()
            : pod.getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(container))
                .findFirst();
    if (spec.isEmpty() || spec.get().getReadinessProbe() == null) {
      return false; // a failure of a probe we do not know: count it
    }
    Integer override = overrides.get(container);
    Duration window =
        override != null
            ? Duration.ofSeconds(override)
            : compute(spec.get().getReadinessProbe(), spec.get().getStartupProbe());
    Instant started = startedAt(pod, container);
    if (started == null) {
      return true; // not running yet: its probe cannot have had a fair chance
    }
    return failedAt.isBefore(started.plus(window));
  }

  /**
   * Long enough for the probe to get past its initial delay and all but the last failure it is
   * allowed, plus half a period of slack for event delivery. With failureThreshold 1 the chart says
   * one failure is already too many: no window.
   */
  public static Duration compute(Probe readiness, Probe startup) {
    int period = orDefault(readiness.getPeriodSeconds(), 10);
    int timeout = orDefault(readiness.getTimeoutSeconds(), 1);
    int failures = orDefault(readiness.getFailureThreshold(), 3);
    int successes = orDefault(readiness.getSuccessThreshold(), 1);
    if (failures == 1) {
      return Duration.ZERO;
    }
    int seconds =
        firstProbeDelay(readiness, startup)
            + timeout
            + (failures + successes - 3) * period
            + period / 2
            + timeout;
    return Duration.ofSeconds(Math.max(seconds, 0));
  }

  /**
   * initialDelaySeconds counts from container start, alongside the startup probe: the readiness
   * probe starts after whichever takes longer (plus up to one period until its first run).
   */
  private static int firstProbeDelay(Probe readiness, Probe startup) {
    int period = orDefault(readiness.getPeriodSeconds(), 10);
    int own = period + orDefault(readiness.getInitialDelaySeconds(), 0);
    if (startup == null) {
      return own;
    }
    int startupPeriod = orDefault(startup.getPeriodSeconds(), 10);
    int startupDone =
        startupPeriod
            + orDefault(startup.getInitialDelaySeconds(), 0)
            + (orDefault(startup.getFailureThreshold(), 3)
                    + orDefault(startup.getSuccessThreshold(), 1)
                    - 1)
                * startupPeriod
            + orDefault(startup.getTimeoutSeconds(), 1)
            + period;
    return startupDone > own ? period : own - startupDone;
  }

  private static Instant startedAt(Pod pod, String container) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return null;
    }
    for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
      if (status.getName().equals(container)
          && status.getState() != null
          && status.getState().getRunning() != null
          && status.getState().getRunning().getStartedAt() != null) {
        return Instant.parse(status.getState().getRunning().getStartedAt());
      }
    }
    return null;
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
