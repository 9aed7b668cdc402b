package dev.converge.workflows.drift;

import dev.converge.workflows.model.Copies;
import java.util.List;

/**
 * Fields a drift check leaves out, as Flux's {@code driftDetection.ignore}: JSON pointers into the
 * objects the target matches. A pointer covers itself and everything below it.
 *
 * @param kind the object kind it applies to; null for any
 * @param name the object name; null for any
 * @param paths JSON pointers such as {@code /spec/replicas}
 */
public record IgnoreRule(String kind, String name, List<String> paths) {
  public IgnoreRule {
    paths = Copies.list(paths);
  }

  public boolean matches(String objectKind, String objectName) {
    return (kind == null || kind.equals(objectKind)) && (name == null || name.equals(objectName));
  }
}
