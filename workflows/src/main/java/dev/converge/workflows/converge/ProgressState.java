package dev.converge.workflows.converge;

import dev.converge.workflows.model.Phase;
import dev.converge.workflows.model.Progress;
import dev.converge.workflows.model.ResourceStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the {@code progress} query shows; updated as steps complete. */
final class ProgressState {
  private static final int LOG_LINES = 50;
  private Phase phase = Phase.VALIDATE;
  private String step = "";
  private int revision;
  private final Map<String, ResourceStatus> rows = new LinkedHashMap<>();
  private final List<String> logs = new ArrayList<>();
  private OperationLog operations = new OperationLog();

  void phase(Phase phase, String step) {
    this.phase = phase;
    this.step = step;
  }

  Phase phase() {
    return phase;
  }

  void revision(int revision) {
    this.revision = revision;
  }

  void row(ResourceStatus status) {
    rows.put(status.resource(), status);
  }

  void logs(List<String> lines) {
    logs.addAll(lines);
    if (logs.size() > LOG_LINES) {
      logs.subList(0, logs.size() - LOG_LINES).clear();
    }
  }

  /** The graph of the deploy now running; a new deploy (an autoRollback's) replaces it. */
  void operations(OperationLog operations) {
    this.operations = operations;
  }

  OperationLog operations() {
    return operations;
  }

  List<ResourceStatus> rows() {
    return List.copyOf(rows.values());
  }

  Progress snapshot() {
    return new Progress(
        phase, step, revision, List.copyOf(rows.values()), List.copyOf(logs), operations.list());
  }
}
