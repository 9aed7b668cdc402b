package dev.converge.worker;

import dev.converge.workflows.model.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;

/**
 * The converge meters, as Prometheus shows them: {@code converge_started_total}, {@code
 * converge_ended_total{outcome}}, {@code converge_duration_seconds{outcome}} and {@code
 * converge_compensations_total} (objects deleted again by a failed or canceled converge).
 */
public class ConvergeMetrics {
  private final MeterRegistry registry;

  public ConvergeMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void started() {
    registry.counter("converge.started").increment();
  }

  /** One call per run end: outcome DEPLOYED, SKIPPED, FAILED or CANCELED. */
  void ended(Outcome outcome, Duration duration, int compensations) {
    String tag = outcome.name().toLowerCase(Locale.ROOT);
    registry.counter("converge.ended", "outcome", tag).increment();
    registry.timer("converge.duration", "outcome", tag).record(duration);
    if (compensations > 0) {
      registry.counter("converge.compensations").increment(compensations);
    }
  }
}
