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

  private SearchAttributes() {}

  static void started(ReleaseTarget release) {
    Workflow.upsertTypedSearchAttributes(
        RELEASE.valueSet(release.release()),
        NAMESPACE.valueSet(release.namespace()),
        KUBE_CONTEXT.valueSet(release.kubeContext()),
        OUTCOME.valueSet(Outcome.RUNNING.name()));
  }

  static void revision(int revision) {
    Workflow.upsertTypedSearchAttributes(REVISION.valueSet((long) revision));
  }

  static void outcome(Outcome outcome) {
    Workflow.upsertTypedSearchAttributes(OUTCOME.valueSet(outcome.name()));
  }
}
