package dev.converge.activities.release;

import dev.converge.workflows.contract.RevisionStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * How many revisions a release keeps, and which ones go when there are more
 * (docs/semantics.md#history-limit).
 */
public final class HistoryLimit {
  /** Helm's and werf's default {@code --history-max}. */
  public static final int DEFAULT = 10;

  private HistoryLimit() {}

  /** {@code limit} itself when positive, else {@link #DEFAULT}. */
  public static int orDefault(int limit) {
    return limit > 0 ? limit : DEFAULT;
  }

  /**
   * Versions to delete so at most {@code limit} remain: oldest first, never the last deployed one,
   * which a rollback or the next upgrade still needs.
   *
   * @param history every revision, oldest first
   */
  public static List<Integer> toPrune(List<HelmRelease> history, int limit) {
    int keepDeployed = lastDeployed(history);
    int excess = history.size() - orDefault(limit);
    List<Integer> prune = new ArrayList<>();
    for (HelmRelease release : history) {
      if (prune.size() >= excess) {
        break;
      }
      if (release.version() != keepDeployed) {
        prune.add(release.version());
      }
    }
    return prune;
  }

  private static int lastDeployed(List<HelmRelease> history) {
    int last = -1;
    for (HelmRelease release : history) {
      if (RevisionStatus.DEPLOYED.helmName().equals(release.status())) {
        last = Math.max(last, release.version());
      }
    }
    return last;
  }
}
