package dev.converge.workflows.drift;

import dev.converge.workflows.model.Copies;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.model.ResourceKey;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Reads of the cluster for drift; never writes (a correction applies through the cluster stub). */
@ActivityInterface
public interface DriftActivities {

  /**
   * Each object read and compared with a server-side dry-run apply of its stored manifest, over the
   * fields converge's field manager would own (docs/semantics.md#drift). Read-only.
   *
   * @return the drifted objects only
   */
  @ActivityMethod(name = "CheckDrift")
  List<ObjectDrift> check(DriftCheck request);

  /**
   * @param bundleDigest the deployed revision's manifests in the manifest store
   */
  record DriftCheck(
      ReleaseTarget target, String bundleDigest, List<Checked> objects, List<IgnoreRule> ignore) {
    public DriftCheck {
      objects = Copies.list(objects);
      ignore = Copies.list(ignore);
    }
  }

  /**
   * @param releaseOwned applied with the release annotations (ownership=release)
   * @param keepLiveReplicas werf's replicas-on-creation: the live count is the applied one
   */
  record Checked(ResourceKey key, boolean releaseOwned, boolean keepLiveReplicas) {}
}
