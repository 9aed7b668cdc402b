package dev.converge.workflows.dismiss;

import dev.converge.workflows.model.Copies;
import dev.converge.workflows.model.Outcome;
import java.util.List;

/**
 * What a dismiss did.
 *
 * @param revision the revision that was uninstalled (0: there was no release)
 * @param deleted objects deleted and gone
 * @param kept objects left in place (keep policies, another owner, already absent)
 * @param hooks pre-delete and post-delete hooks that ran
 */
public record DismissResult(
    String release,
    String namespace,
    String kubeContext,
    int revision,
    Outcome outcome,
    String error,
    List<String> deleted,
    List<String> kept,
    List<String> hooks,
    boolean namespaceDeleted,
    long durationMillis) {

  public DismissResult {
    deleted = Copies.list(deleted);
    kept = Copies.list(kept);
    hooks = Copies.list(hooks);
  }
}
