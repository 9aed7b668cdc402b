package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ReleaseActivities.RevisionInfo;
import dev.converge.workflows.contract.RevisionStatus;
import dev.converge.workflows.model.DeployType;
import java.util.List;

/** docs/semantics.md#history-and-deploy-type: only revisions since the last uninstall count. */
final class DeployTypes {
  private DeployTypes() {}

  static DeployType of(List<RevisionInfo> revisions) {
    int from = 0;
    for (int i = 0; i < revisions.size(); i++) {
      if ("uninstalled".equals(revisions.get(i).status())) {
        from = i + 1;
      }
    }
    List<RevisionInfo> since = revisions.subList(from, revisions.size());
    if (since.stream()
        .anyMatch(
            r ->
                r.revisionStatus() == RevisionStatus.DEPLOYED
                    || r.revisionStatus() == RevisionStatus.SUPERSEDED)) {
      return DeployType.UPGRADE;
    }
    return since.isEmpty() ? DeployType.INITIAL : DeployType.INSTALL;
  }
}
