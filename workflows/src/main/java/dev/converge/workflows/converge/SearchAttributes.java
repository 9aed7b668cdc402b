package dev.converge.workflows.converge;

import dev.converge.workflows.model.Outcome;
import dev.converge.workflows.model.ReleaseTarget;
import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.Workflow;

/**
 * The search attributes of docs/contracts.md#search-attributes; register them on the server with
 * these types.
 */
public final class SearchAttributes {
  public static final SearchAttributeKey<String> RELEASE =
      SearchAttributeKey.forKeyword("ConvergeRelease");
  public static final SearchAttributeKey<String> NAMESPACE =
      SearchAttributeKey.forKeyword("ConvergeNamespace");
  public static final SearchAttributeKey<String> KUBE_CONTEXT =
      SearchAttributeKey.forKeyword("ConvergeKubeContext");
  public static final SearchAttributeKey<String> OUTCOME =
      SearchAttributeKey.forKeyword("ConvergeOutcome");
  public static final SearchAttributeKey<Long> REVISION =
      SearchAttributeKey.forLong("ConvergeRevision");

  /** A drift check's verdict: IN_SYNC, DRIFTED or UNKNOWN. */
  public static final SearchAttributeKey<String> DRIFT =
      SearchAttributeKey.forKeyword("ConvergeDrift");

  private SearchAttributes() {}

  /**
   * The attributes a run has from its start: the API sets them when it starts a run, so the run is
   * findable before its first workflow task; {@link #started} sets the same for runs started
   * elsewhere (CLI, UI).
   */
  public static io.temporal.common.SearchAttributes atStart(ReleaseTarget release) {
    return io.temporal.common.SearchAttributes.newBuilder()
        .set(RELEASE, release.release())
        .set(NAMESPACE, release.namespace())
        .set(KUBE_CONTEXT, release.kubeContext())
        .set(OUTCOME, Outcome.RUNNING.name())
        .build();
  }

  static void started(ReleaseTarget release) {
    Workflow.upsertTypedSearchAttributes(
        RELEASE.valueSet(release.release()),
        NAMESPACE.valueSet(release.namespace()),
        KUBE_CONTEXT.valueSet(release.kubeContext()),
        OUTCOME.valueSet(Outcome.RUNNING.name()));
  }

  /** A drift check's release, without an outcome: it deploys nothing. */
  static void checkStarted(ReleaseTarget release) {
    Workflow.upsertTypedSearchAttributes(
        RELEASE.valueSet(release.release()),
        NAMESPACE.valueSet(release.namespace()),
        KUBE_CONTEXT.valueSet(release.kubeContext()));
  }

  static void drift(String state) {
    Workflow.upsertTypedSearchAttributes(DRIFT.valueSet(state));
  }

  static void revision(int revision) {
    Workflow.upsertTypedSearchAttributes(REVISION.valueSet((long) revision));
  }

  static void outcome(Outcome outcome) {
    Workflow.upsertTypedSearchAttributes(OUTCOME.valueSet(outcome.name()));
  }
}
