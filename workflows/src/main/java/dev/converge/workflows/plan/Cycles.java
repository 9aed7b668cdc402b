package dev.converge.workflows.plan;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Which nodes of a dependency graph sit on a cycle, so an error names only those. */
final class Cycles {
  private Cycles() {}

  /**
   * @return the nodes that can reach themselves, sorted
   */
  static List<String> members(Collection<String> nodes, Function<String, List<String>> edges) {
    return nodes.stream().filter(n -> reaches(n, n, edges)).sorted().toList();
  }

  private static boolean reaches(String from, String to, Function<String, List<String>> edges) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(edges.apply(from));
    while (!todo.isEmpty()) {
      String next = todo.pop();
      if (next.equals(to)) {
        return true;
      }
      if (seen.add(next)) {
        todo.addAll(edges.apply(next));
      }
    }
    return false;
  }
}
