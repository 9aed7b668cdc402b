package dev.converge.workflows.plan;

import dev.converge.workflows.contract.Annotations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Splits one stage into steps: ascending weights, and a resource with deploy dependencies goes in a
 * step after the steps of what it depends on (it leaves weight grouping, as in nelm). A step whose
 * dependents only need it {@code present} is tracked together with the next step, so those
 * dependents are applied right after it without waiting for its readiness.
 */
final class Layering {
  private Layering() {}

  private record Position(int rank, int depth) {}

  /** One dependency edge resolved to a member of the same stage. */
  private record Edge(ClassifiedResource target, boolean ready) {}

  /**
   * @param trackWithNext its tracking runs with the next layer's (see {@link Plan.Step})
   */
  record Layer(String name, List<ClassifiedResource> members, boolean trackWithNext) {}

  static List<Layer> layers(
      Stage stage,
      List<ClassifiedResource> members,
      List<ClassifiedResource> all,
      List<String> errors) {
    List<Integer> weights =
        new ArrayList<>(new TreeSet<>(members.stream().map(ClassifiedResource::weight).toList()));
    Map<String, Position> position = new HashMap<>();
    for (ClassifiedResource r : members) {
      position.put(r.id(), new Position(weights.indexOf(r.weight()), 0));
    }
    Map<String, List<Edge>> deps = dependencies(stage, members, all, errors);
    boolean changed = true;
    for (int round = 0; changed; round++) {
      if (round > members.size()) {
        errors.add(
            "stage "
                + stage
                + ": deploy dependencies form a cycle among "
                + String.join(
                    ", ",
                    Cycles.members(
                        deps.keySet(),
                        id ->
                            deps.getOrDefault(id, List.of()).stream()
                                .map(e -> e.target().id())
                                .toList())));
        break;
      }
      changed = false;
      for (ClassifiedResource r : members) {
        List<Edge> on = deps.getOrDefault(r.id(), List.of());
        if (on.isEmpty()) {
          continue;
        }
        Position latest =
            on.stream()
                .map(e -> position.get(e.target().id()))
                .max(Comparator.comparingInt(Position::rank).thenComparingInt(Position::depth))
                .orElseThrow();
        Position next = new Position(latest.rank(), latest.depth() + 1);
        if (!next.equals(position.get(r.id()))) {
          position.put(r.id(), next);
          changed = true;
        }
      }
    }
    Map<Position, List<ClassifiedResource>> byPosition = new LinkedHashMap<>();
    members.stream()
        .sorted(
            Comparator.comparing((ClassifiedResource r) -> position.get(r.id()).rank())
                .thenComparing(r -> position.get(r.id()).depth())
                .thenComparing(ClassifiedResource::id))
        .forEach(
            r -> byPosition.computeIfAbsent(position.get(r.id()), p -> new ArrayList<>()).add(r));
    return withDeferredTracking(new ArrayList<>(byPosition.entrySet()), weights, deps);
  }

  /**
   * A layer may leave its tracking to the next one when that is in the same weight and nothing in
   * it needs this layer (or an earlier untracked one) ready: present-dependencies only.
   */
  private static List<Layer> withDeferredTracking(
      List<Map.Entry<Position, List<ClassifiedResource>>> ordered,
      List<Integer> weights,
      Map<String, List<Edge>> deps) {
    List<Layer> out = new ArrayList<>();
    Set<String> untracked = new HashSet<>();
    for (int i = 0; i < ordered.size(); i++) {
      Position p = ordered.get(i).getKey();
      List<ClassifiedResource> layer = ordered.get(i).getValue();
      layer.forEach(r -> untracked.add(r.id()));
      boolean defer =
          i + 1 < ordered.size()
              && ordered.get(i + 1).getKey().rank() == p.rank()
              && ordered.get(i + 1).getValue().stream()
                  .flatMap(r -> deps.getOrDefault(r.id(), List.of()).stream())
                  .noneMatch(e -> e.ready() && untracked.contains(e.target().id()));
      if (!defer) {
        untracked.clear();
      }
      String name =
          "weight " + weights.get(p.rank()) + (p.depth() == 0 ? "" : " +dependencies " + p.depth());
      out.add(new Layer(name, layer, defer));
    }
    return out;
  }

  /**
   * Dependencies resolved to members of the same stage; one that matches nothing at all is an
   * error.
   */
  private static Map<String, List<Edge>> dependencies(
      Stage stage,
      List<ClassifiedResource> members,
      List<ClassifiedResource> all,
      List<String> errors) {
    Map<String, List<Edge>> out = new HashMap<>();
    for (ClassifiedResource r : members) {
      for (Dependency d : r.dependencies()) {
        List<ClassifiedResource> matches =
            members.stream().filter(m -> m != r && d.matches(m.key())).toList();
        if (matches.isEmpty() && all.stream().noneMatch(m -> m != r && d.matches(m.key()))) {
          errors.add(
              r.meta().source()
                  + ": "
                  + r.key().display()
                  + ": annotation "
                  + Annotations.DEPLOY_DEPENDENCY_PREFIX
                  + d.id()
                  + " matches no resource of the release");
        }
        matches.forEach(
            m -> out.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(new Edge(m, d.ready())));
      }
    }
    return out;
  }
}
