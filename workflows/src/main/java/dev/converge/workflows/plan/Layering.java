package dev.converge.workflows.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Splits one stage into steps: ascending weights, and a resource with deploy dependencies goes
 * in a step after the steps of what it depends on (it leaves weight grouping, as in nelm).
 */
final class Layering {
  private Layering() {}

  private record Position(int rank, int depth) {}

  static Map<String, List<ClassifiedResource>> layers(
      Stage stage, List<ClassifiedResource> members, List<ClassifiedResource> all, List<String> errors) {
    List<Integer> weights = new ArrayList<>(new TreeSet<>(members.stream().map(ClassifiedResource::weight).toList()));
    Map<String, Position> position = new HashMap<>();
    for (ClassifiedResource r : members) {
      position.put(r.id(), new Position(weights.indexOf(r.weight()), 0));
    }
    Map<String, List<ClassifiedResource>> deps = dependencies(stage, members, all, errors);
    boolean changed = true;
    for (int round = 0; changed; round++) {
      if (round > members.size()) {
        errors.add("stage " + stage + ": deploy dependencies form a cycle among "
            + String.join(", ", deps.keySet().stream().sorted().toList()));
        break;
      }
      changed = false;
      for (ClassifiedResource r : members) {
        List<ClassifiedResource> on = deps.getOrDefault(r.id(), List.of());
        if (on.isEmpty()) {
          continue;
        }
        Position latest = on.stream().map(d -> position.get(d.id()))
            .max(Comparator.comparingInt(Position::rank).thenComparingInt(Position::depth)).orElseThrow();
        Position next = new Position(latest.rank(), latest.depth() + 1);
        if (!next.equals(position.get(r.id()))) {
          position.put(r.id(), next);
          changed = true;
        }
      }
    }
    Map<String, List<ClassifiedResource>> out = new LinkedHashMap<>();
    members.stream()
        .sorted(Comparator.comparing((ClassifiedResource r) -> position.get(r.id()).rank())
            .thenComparing(r -> position.get(r.id()).depth())
            .thenComparing(ClassifiedResource::id))
        .forEach(r -> {
          Position p = position.get(r.id());
          String name = "weight " + weights.get(p.rank()) + (p.depth() == 0 ? "" : " +dependencies " + p.depth());
          out.computeIfAbsent(name, n -> new ArrayList<>()).add(r);
        });
    return out;
  }

  /** Dependencies resolved to members of the same stage; one that matches nothing at all is an error. */
  private static Map<String, List<ClassifiedResource>> dependencies(
      Stage stage, List<ClassifiedResource> members, List<ClassifiedResource> all, List<String> errors) {
    Map<String, List<ClassifiedResource>> out = new HashMap<>();
    for (ClassifiedResource r : members) {
      for (Dependency d : r.dependencies()) {
        List<ClassifiedResource> matches = members.stream().filter(m -> m != r && d.matches(m.key())).toList();
        if (matches.isEmpty() && all.stream().noneMatch(m -> m != r && d.matches(m.key()))) {
          errors.add(r.meta().source() + ": " + r.key().display() + ": annotation "
              + Annotations.DEPLOY_DEPENDENCY_PREFIX + d.id() + " matches no resource of the release");
        }
        out.computeIfAbsent(r.id(), k -> new ArrayList<>()).addAll(matches);
      }
    }
    out.values().removeIf(List::isEmpty);
    return out;
  }
}
