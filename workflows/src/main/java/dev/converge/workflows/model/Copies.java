package dev.converge.workflows.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Immutable copies that read a missing collection as empty. Records cross Temporal as JSON, and
 * payloads may carry {@code null} (or nothing) where a collection was empty.
 */
public final class Copies {
  private Copies() {}

  public static <T> List<T> list(List<T> items) {
    return items == null ? List.of() : List.copyOf(items);
  }

  public static <T> Set<T> set(Set<T> items) {
    return items == null ? Set.of() : Set.copyOf(items);
  }

  public static <K, V> Map<K, V> map(Map<K, V> items) {
    return items == null ? Map.of() : Map.copyOf(items);
  }
}
