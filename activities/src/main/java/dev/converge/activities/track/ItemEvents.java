package dev.converge.activities.track;

import dev.converge.activities.track.rules.EventFailures;
import dev.converge.activities.track.rules.PodFailure;
import dev.converge.activities.track.rules.ReadinessProbeWindow;
import dev.converge.workflows.contract.TrackSpec;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The events of one tracked item: which of them are failures (docs/semantics.md#tracking-failures),
 * and the recent ones as lines, shown with show-service-messages and always quoted when the item
 * fails. No I/O.
 */
final class ItemEvents {
  static final int KEPT = 10;

  private final TrackSpec spec;
  private final boolean counts;
  private final Set<String> seen = new HashSet<>();
  private final Deque<String> recent = new ArrayDeque<>();
  private final List<String> unshown = new ArrayList<>();

  /**
   * @param counts whether Failed events count against the item (workloads and pods), or are only
   *     shown (a Warning on an HPA about missing metrics is not the deploy failing)
   */
  ItemEvents(TrackSpec spec, boolean counts) {
    this.spec = spec;
    this.counts = counts;
  }

  /** Takes the item's events (each delivery, repeats included); returns the failures among them. */
  List<PodFailure> observe(List<Event> events, List<Pod> pods) {
    List<PodFailure> failures = new ArrayList<>();
    for (Event event : events) {
      String occurrence = event.getMetadata().getUid() + "|" + event.getCount();
      if (!seen.add(occurrence)) {
        continue;
      }
      String line = EventFailures.describe(event);
      recent.addLast(line);
      if (recent.size() > KEPT) {
        recent.removeFirst();
      }
      unshown.add(line);
      PodFailure failure = failure(event, pods);
      if (failure != null) {
        failures.add(failure);
      }
    }
    return failures;
  }

  private PodFailure failure(Event event, List<Pod> pods) {
    return switch (EventFailures.classify(event)) {
      case READINESS_PROBE -> {
        Pod pod =
            pods.stream()
                .filter(p -> p.getMetadata().getName().equals(event.getInvolvedObject().getName()))
                .findFirst()
                .orElse(null);
        boolean expected =
            pod == null
                || ReadinessProbeWindow.ignored(
                    pod,
                    EventFailures.container(event),
                    EventFailures.time(event),
                    spec.ignoreReadinessProbeFailsForSeconds());
        yield expected ? null : EventFailures.failure(event);
      }
      case PROBE_RESTART -> EventFailures.failure(event);
      case FAILED -> counts ? EventFailures.failure(event) : null;
      case INFO -> null;
    };
  }

  /** New lines to show in the worker log: only with show-service-messages. */
  List<String> drainShown() {
    List<String> lines = spec.showServiceMessages() ? List.copyOf(unshown) : List.of();
    unshown.clear();
    return lines;
  }

  List<String> recent() {
    return List.copyOf(recent);
  }
}
