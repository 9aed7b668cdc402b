package dev.converge.workflows.plan;

import dev.converge.workflows.contract.OperationType;
import dev.converge.workflows.model.Copies;
import java.util.List;

/**
 * The whole converge as data: stages in fixed order, each a list of steps (weight sub-stages) whose
 * operations run in parallel. {@code errors} non-empty means nothing may be executed.
 */
public record Plan(List<StagePlan> stages, List<String> errors) {

  public Plan {
    stages = Copies.list(stages);
    errors = Copies.list(errors);
  }

  public record StagePlan(Stage stage, List<Step> steps) {
    public StagePlan {
      steps = Copies.list(steps);
    }
  }

  /**
   * @param name e.g. {@code MAIN weight 10}, shown in progress and history
   * @param trackWithNext apply now, track together with the next step: the next step's resources
   *     depend on this one only with {@code state=present}
   */
  public record Step(String name, List<PlannedOperation> operations, boolean trackWithNext) {
    public Step {
      operations = Copies.list(operations);
    }

    public Step(String name, List<PlannedOperation> operations) {
      this(name, operations, false);
    }
  }

  public List<PlannedOperation> operations() {
    return stages.stream()
        .flatMap(s -> s.steps().stream())
        .flatMap(s -> s.operations().stream())
        .toList();
  }

  /** Nothing to write and nothing to wait for. */
  public boolean changesNothing() {
    return operations().stream().allMatch(op -> op.type() == OperationType.NONE && !op.track());
  }
}
