package dev.converge.workflows.plan;

import dev.converge.workflows.contract.OperationType;
import dev.converge.workflows.model.Operation;
import dev.converge.workflows.model.Operation.Kind;
import dev.converge.workflows.model.Operation.Status;
import dev.converge.workflows.plan.Plan.StagePlan;
import dev.converge.workflows.plan.Plan.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan as a graph of operations, in the order a deploy runs them (docs/contracts.md#operation-
 * graph): the pending revision, each stage's deletes, applies and tracks, the deployed revision.
 * Each operation depends on what must have ended before it starts: the previous step's tracks (or
 * its applies when their tracking waits for the next step), its own apply for a track, and the
 * deletes its werf.io/delete-dependency names. Where many operations would each depend on many
 * others (a step of 100 after a step of 100), a STEP operation joins them, so the graph grows with
 * the plan and not with its square. Pure, and every operation PENDING.
 */
public final class OperationGraph {
  public static final String RELEASE_PENDING = "release/pending";
  public static final String RELEASE_DEPLOYED = "release/deployed";

  private final List<Operation> out = new ArrayList<>();
  private List<String> frontier;

  private OperationGraph() {}

  public static List<Operation> of(Plan plan, int revision) {
    OperationGraph graph = new OperationGraph();
    String object = "revision " + revision;
    graph.frontier =
        List.of(graph.add(RELEASE_PENDING, Kind.RELEASE, object, "RELEASE", List.of()));
    plan.stages().forEach(graph::stage);
    graph.add(RELEASE_DEPLOYED, Kind.RELEASE, object, "RELEASE", graph.frontier);
    return List.copyOf(graph.out);
  }

  public static String applyId(Stage stage, PlannedOperation op) {
    return id(stage, kind(stage, op.type()), op);
  }

  public static String trackId(Stage stage, PlannedOperation op) {
    return id(stage, Kind.TRACK, op);
  }

  public static String deleteId(Stage stage, PlannedOperation op) {
    return id(stage, Kind.DELETE, op);
  }

  private void stage(StagePlan stage) {
    Stage s = stage.stage();
    List<PlannedOperation> untracked = new ArrayList<>();
    for (Step step : stage.steps()) {
      join(s, step.name(), step.operations().size());
      if (s == Stage.PRUNE) {
        List<String> deletes = new ArrayList<>();
        for (PlannedOperation op : step.operations()) {
          List<String> after = new ArrayList<>(frontier);
          op.deleteAfter().stream()
              .flatMap(id -> step.operations().stream().filter(o -> o.id().equals(id)))
              .forEach(o -> after.add(deleteId(s, o)));
          deletes.add(add(deleteId(s, op), Kind.DELETE, op.key().display(), s.name(), after));
        }
        advance(deletes);
        continue;
      }
      List<String> applies = new ArrayList<>();
      List<String> appliedUntracked = new ArrayList<>();
      for (PlannedOperation op : step.operations()) {
        if (op.type() != OperationType.NONE) {
          String id =
              add(applyId(s, op), kind(s, op.type()), op.key().display(), s.name(), frontier);
          applies.add(id);
          if (!op.track()) {
            appliedUntracked.add(id);
          }
        }
      }
      if (step.trackWithNext()) {
        untracked.addAll(step.operations());
        advance(applies);
        continue;
      }
      List<PlannedOperation> settled = new ArrayList<>(untracked);
      settled.addAll(step.operations());
      untracked.clear();
      List<String> ended = new ArrayList<>(appliedUntracked);
      for (PlannedOperation op : settled) {
        if (op.track()) {
          List<String> after = op.type() == OperationType.NONE ? frontier : List.of(applyId(s, op));
          ended.add(add(trackId(s, op), Kind.TRACK, op.key().display(), s.name(), after));
        }
      }
      advance(ended);
    }
    List<String> deletes = new ArrayList<>();
    List<PlannedOperation> succeeded =
        stage.steps().stream()
            .flatMap(step -> step.operations().stream())
            .filter(PlannedOperation::deleteWhenSucceeded)
            .toList();
    join(s, s + " delete-policy succeeded", succeeded.size());
    succeeded.stream()
        .forEach(
            op ->
                deletes.add(
                    add(deleteId(s, op), Kind.DELETE, op.key().display(), s.name(), frontier)));
    advance(deletes);
  }

  /** Several operations about to depend on several ended ones: one STEP in between instead. */
  private void join(Stage stage, String name, int dependents) {
    if (frontier.size() > 1 && dependents > 1) {
      String id = "step/" + out.size();
      frontier = List.of(add(id, Kind.STEP, name, stage.name(), frontier));
    }
  }

  /** The next operations start after these; a step that does nothing leaves the frontier. */
  private void advance(List<String> ended) {
    if (!ended.isEmpty()) {
      frontier = List.copyOf(ended);
    }
  }

  private String add(String id, Kind kind, String object, String stage, List<String> dependsOn) {
    out.add(new Operation(id, kind, object, stage, Status.PENDING, null, null, dependsOn));
    return id;
  }

  private static Kind kind(Stage stage, OperationType type) {
    if (stage == Stage.PRE_HOOKS || stage == Stage.POST_HOOKS) {
      return Kind.HOOK;
    }
    return switch (type) {
      case CREATE -> Kind.CREATE;
      case RECREATE -> Kind.RECREATE;
      case DELETE -> Kind.DELETE;
      default -> Kind.UPDATE;
    };
  }

  private static String id(Stage stage, Kind kind, PlannedOperation op) {
    // The core group is named, so that no id has an empty segment.
    String group = op.key().group().isEmpty() ? "core" : op.key().group();
    return stage.name().toLowerCase()
        + "/"
        + kind.name().toLowerCase()
        + "/"
        + group
        + "/"
        + op.key().kind()
        + "/"
        + (op.key().namespace() == null ? "" : op.key().namespace())
        + "/"
        + op.key().name();
  }
}
