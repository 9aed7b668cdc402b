package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ReleaseActivities;
import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.ReleaseActivities.RevisionInfo;
import dev.converge.workflows.contract.RevisionStatus;
import dev.converge.workflows.model.ReleaseTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * A pending revision found at the start of a converge belongs to a run that ended without finishing
 * (terminated, or helm killed mid-upgrade): the workflow id lock means no other converge of this
 * release runs now. Left pending it would wedge the release (Helm refuses to upgrade over "another
 * operation in progress"), so it is marked failed first.
 */
final class StalePending {
  static final String DESCRIPTION =
      "stale pending revision: the operation that wrote it ended without finishing; marked failed by a later converge";

  private StalePending() {}

  static ReleaseHistory release(
      ReleaseActivities release, ReleaseTarget target, ReleaseHistory history) {
    List<RevisionInfo> revisions = new ArrayList<>();
    for (RevisionInfo revision : history.revisions()) {
      if (revision.revisionStatus().pending()) {
        release.markFailed(target, revision.version(), DESCRIPTION);
        revision =
            new RevisionInfo(
                revision.version(),
                RevisionStatus.FAILED.helmName(),
                revision.manifestDigest(),
                revision.valuesDigest());
      }
      revisions.add(revision);
    }
    return new ReleaseHistory(revisions, history.lastResources());
  }
}
