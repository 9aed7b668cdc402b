package dev.converge.workflows.drift;

import dev.converge.workflows.model.Copies;
import java.util.List;

/**
 * A drift check's report: the workflow result, read by the API and {@code converge-ci.sh --drift}.
 *
 * @param revision the deployed revision compared with; 0 when there is none
 * @param checked how many objects were compared
 * @param drifted the drifted objects with their fields, in the revision's order
 * @param corrected what a correction re-applied; empty in warn mode or when in sync
 * @param message why the state is UNKNOWN, or why a correction did not finish; null otherwise
 */
public record DriftResult(
    String release,
    String namespace,
    String kubeContext,
    DriftMode mode,
    DriftState state,
    int revision,
    int checked,
    List<ObjectDrift> drifted,
    List<String> corrected,
    String message,
    long durationMillis) {

  public DriftResult {
    drifted = Copies.list(drifted);
    corrected = Copies.list(corrected);
  }
}
