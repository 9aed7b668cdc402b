package dev.converge.worker;

import dev.converge.workflows.drift.DriftResult;
import dev.converge.workflows.drift.DriftState;
import dev.converge.workflows.model.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The converge meters, as Prometheus shows them: {@code converge_started_total}, {@code
 * converge_ended_total{outcome}}, {@code converge_duration_seconds{outcome}} and {@code
 * converge_compensations_total} (objects deleted again by a failed or canceled converge); for drift
 * {@code converge_drift_objects{kube_context,namespace,release}} (objects drifted at the release's
 * last check; -1 when it could not tell) and {@code converge_drift_checks_total{state}}.
 */
public class ConvergeMetrics {
  private final MeterRegistry registry;

  /** The last check's count per release, as gauges read it. */
  private final Map<List<String>, AtomicInteger> drifted = new ConcurrentHashMap<>();

  public ConvergeMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void driftChecked(DriftResult result) {
    registry
        .counter("converge.drift.checks", "state", result.state().name().toLowerCase(Locale.ROOT))
        .increment();
    List<String> key = List.of(result.kubeContext(), result.namespace(), result.release());
    AtomicInteger gauge =
        drifted.computeIfAbsent(
            key,
            k ->
                registry.gauge(
                    "converge.drift.objects",
                    Tags.of("kube_context", k.get(0), "namespace", k.get(1), "release", k.get(2)),
                    new AtomicInteger()));
    gauge.set(result.state() == DriftState.UNKNOWN ? -1 : result.drifted().size());
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
