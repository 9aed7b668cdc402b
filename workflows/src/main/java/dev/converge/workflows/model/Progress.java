package dev.converge.workflows.model;

import java.util.List;

/**
 * Answer of the {@code progress} query: where the converge is, the status table (for people) and
 * the operation graph with each operation's status (for tools; empty before the plan is made).
 */
public record Progress(
    Phase phase,
    String step,
    int revision,
    List<ResourceStatus> resources,
    List<String> lastLogLines,
    List<Operation> operations) {

  public Progress {
    resources = Copies.list(resources);
    lastLogLines = Copies.list(lastLogLines);
    operations = Copies.list(operations);
  }

  public Progress(
      Phase phase,
      String step,
      int revision,
      List<ResourceStatus> resources,
      List<String> lastLogLines) {
    this(phase, step, revision, resources, lastLogLines, List.of());
  }
}
