package dev.converge.activities.track;

import dev.converge.activities.track.rules.PodFailure;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Counts distinct failure observations per tracked resource. Watches re-deliver the same state
 * (resyncs, reconnects, a retry after a crash), so a failure counts once per (pod, container,
 * reason, restart count).
 */
final class FailureCounter {
  private final Set<String> seen = new LinkedHashSet<>();

  FailureCounter(Collection<String> restored) {
    seen.addAll(restored);
  }

  /** Returns true when this observation was not counted before. */
  boolean record(String resourceId, PodFailure failure) {
    return seen.add(resourceId + "#" + failure.key());
  }

  int count(String resourceId) {
    String prefix = resourceId + "#";
    return (int) seen.stream().filter(k -> k.startsWith(prefix)).count();
  }

  List<String> keys() {
    return List.copyOf(seen);
  }
}
