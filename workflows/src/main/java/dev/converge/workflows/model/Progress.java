package dev.converge.workflows.model;

import java.util.List;

/** Answer of the {@code progress} query: where the converge is and the status table. */
public record Progress(
    Phase phase,
    String step,
    int revision,
    List<ResourceStatus> resources,
    List<String> lastLogLines) {

  public Progress {
    resources = Copies.list(resources);
    lastLogLines = Copies.list(lastLogLines);
  }
}
