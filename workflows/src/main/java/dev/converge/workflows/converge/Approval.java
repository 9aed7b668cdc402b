package dev.converge.workflows.converge;

import dev.converge.workflows.model.ApprovalDecision;
import dev.converge.workflows.model.Phase;
import dev.converge.workflows.plan.Plan;
import dev.converge.workflows.planning.PlanResult;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A converge's wait for a person's decision on exactly its plan (docs/semantics.md#approval): the
 * plan the query shows, the decision the update brings, and why the wait ended the converge.
 */
final class Approval {
  private final ProgressState progress;
  private PlanResult pending;
  private ApprovalDecision decision;
  private String end;

  Approval(ProgressState progress) {
    this.progress = progress;
  }

  /**
   * Shows {@code plan} and waits for a decision on it. Approved: the plan is made again and
   * returned only when its digest is still the approved one; a changed cluster or chart asks again.
   * No decision in time, or a rejection: CANCELED, nothing written.
   */
  Plan await(
      Plan plan, int timeoutSeconds, Supplier<Plan> replan, Function<Plan, PlanResult> view) {
    PlanResult shown = view.apply(plan);
    while (true) {
      pending = shown;
      decision = null;
      progress.phase(Phase.APPROVAL, "waiting for approval of plan " + shown.planDigest());
      if (!Workflow.await(Duration.ofSeconds(timeoutSeconds), () -> decision != null)) {
        pending = null;
        end =
            "no decision on plan "
                + shown.planDigest()
                + " within "
                + timeoutSeconds
                + "s: nothing was written";
        throw new CanceledFailure(end);
      }
      pending = null;
      if (!decision.approve()) {
        end =
            "plan "
                + shown.planDigest()
                + " rejected by "
                + decision.by()
                + (decision.reason() == null || decision.reason().isBlank()
                    ? ""
                    : ": " + decision.reason())
                + "; nothing was written";
        throw new CanceledFailure(end);
      }
      progress.phase(Phase.PLAN, "plan approved by " + decision.by() + "; checking it still holds");
      Plan again = replan.get();
      PlanResult check = view.apply(again);
      if (check.planDigest().equals(shown.planDigest())) {
        return again;
      }
      shown = check; // the cluster changed since: the new plan needs its own approval
    }
  }

  /** The plan waiting for a decision; null when none waits. */
  PlanResult pending() {
    return pending;
  }

  /** Why the wait ended the converge (no decision, a rejection); null otherwise. */
  String end() {
    return end;
  }

  void validate(ApprovalDecision decision) {
    if (pending == null) {
      throw new IllegalStateException("no plan of this converge is waiting for approval");
    }
    if (decision == null || !pending.planDigest().equals(decision.planDigest())) {
      throw new IllegalArgumentException(
          "plan digest "
              + (decision == null ? null : decision.planDigest())
              + " is not the plan waiting for approval ("
              + pending.planDigest()
              + "): read the plan again");
    }
  }

  String decide(ApprovalDecision decision) {
    this.decision = decision;
    return (decision.approve() ? "approved" : "rejected") + " plan " + decision.planDigest();
  }
}
