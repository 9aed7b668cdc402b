package dev.converge.workflows.model;

import java.util.List;

/**
 * One row of the status table: RESOURCE, STATE, INFO.
 *
 * @param info e.g. {@code Ready 1/2}, the object's status
 * @param errors failures observed so far (count against the allowed ones)
 * @param lastLogLines when it failed: the failing container's last lines, then its recent events
 *     (lines starting with {@code event })
 */
public record ResourceStatus(
    String resource,
    State state,
    String info,
    int errors,
    String lastError,
    List<String> lastLogLines) {

  public ResourceStatus {
    lastLogLines = lastLogLines == null ? List.of() : List.copyOf(lastLogLines);
  }

  public enum State {
    WAITING,
    READY,
    FAILED
  }

  public static ResourceStatus waiting(String resource, String info) {
    return new ResourceStatus(resource, State.WAITING, info, 0, null, List.of());
  }
}
