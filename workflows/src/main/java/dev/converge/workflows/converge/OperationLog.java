package dev.converge.workflows.converge;

import dev.converge.workflows.model.Operation;
import dev.converge.workflows.model.Operation.Kind;
import dev.converge.workflows.model.Operation.Status;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operation graph of the running deploy with each operation's status, as the progress query and
 * the report show it. Bookkeeping only: it issues no command, so histories replay unchanged. Ids
 * the graph does not hold are ignored (a dismiss runs without one).
 */
final class OperationLog {
  private final Map<String, Operation> operations = new LinkedHashMap<>();

  OperationLog() {}

  OperationLog(List<Operation> graph) {
    graph.forEach(op -> operations.put(op.id(), op));
  }

  void start(Collection<String> ids) {
    String now = now();
    joinEnded(now);
    ids.forEach(
        id -> operations.computeIfPresent(id, (k, op) -> op.with(Status.RUNNING, now, null)));
  }

  void start(String id) {
    start(List.of(id));
  }

  void end(Collection<String> ids, Status status) {
    String now = now();
    ids.forEach(
        id ->
            operations.computeIfPresent(
                id,
                (k, op) -> op.with(status, op.startedAt() == null ? now : op.startedAt(), now)));
    joinEnded(now);
  }

  /** A STEP ends once everything it joins has ended (a failure that stops the run stops it). */
  private void joinEnded(String now) {
    operations.replaceAll(
        (id, op) ->
            op.kind() == Kind.STEP
                    && op.status() == Status.PENDING
                    && op.dependsOn().stream()
                        .map(d -> operations.get(d).status())
                        .allMatch(d -> d == Status.COMPLETED || d == Status.FAILED)
                ? op.with(Status.COMPLETED, now, now)
                : op);
  }

  void end(String id, Status status) {
    end(List.of(id), status);
  }

  /**
   * The run stopped: what was running failed (or was canceled with the run), what never started is
   * canceled.
   */
  void stop(boolean canceled) {
    String now = now();
    operations.replaceAll(
        (id, op) ->
            switch (op.status()) {
              case RUNNING ->
                  op.with(canceled ? Status.CANCELED : Status.FAILED, op.startedAt(), now);
              case PENDING -> op.with(Status.CANCELED, null, null);
              default -> op;
            });
  }

  List<Operation> list() {
    return List.copyOf(operations.values());
  }

  private static String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }
}
