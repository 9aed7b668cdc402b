package dev.converge.workflows.converge;

import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.ReleaseActivities.RevisionInfo;
import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceMeta;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Small builders for workflow tests about one annotation: resources, live objects, a last revision.
 */
final class AnnotatedChart {
  static final ResourceKey DB = new ResourceKey("apps/v1", "StatefulSet", TestChart.NS, "db");
  static final ResourceKey SEED = new ResourceKey("batch/v1", "Job", TestChart.NS, "seed");
  static final ResourceKey SHARED = new ResourceKey("v1", "ConfigMap", TestChart.NS, "shared");
  static final ResourceKey LEGACY = new ResourceKey("v1", "ConfigMap", TestChart.NS, "legacy");

  private AnnotatedChart() {}

  /**
   * @param annotations name, value, name, value, ...
   */
  static ResourceMeta meta(ResourceKey key, Integer replicas, String... annotations) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < annotations.length; i += 2) {
      map.put(annotations[i], annotations[i + 1]);
    }
    return new ResourceMeta(
        key,
        "shop/templates/" + key.name() + ".yaml",
        map,
        false,
        "sha256:" + key.name(),
        replicas);
  }

  static ResourceMeta meta(ResourceKey key, String... annotations) {
    return meta(key, null, annotations);
  }

  /** Live, owned by this release; {@code extra} annotations as on the live object. */
  static LiveState owned(ResourceKey key, boolean differs, String... extra) {
    Map<String, String> annotations = new HashMap<>(DeployedHistory.owned());
    for (int i = 0; i < extra.length; i += 2) {
      annotations.put(extra[i], extra[i + 1]);
    }
    return new LiveState(
        key.id(), true, "uid-live-" + key.name(), annotations, differs, null, null);
  }

  /** A deployed revision 1 whose chart had these resources. */
  static ReleaseHistory deployed(List<ResourceMeta> last) {
    return new ReleaseHistory(
        List.of(new RevisionInfo(1, "deployed", "sha256:old", "sha256:values")), last);
  }

  static int indexOf(List<String> calls, String call) {
    int i = calls.indexOf(call);
    if (i < 0) {
      throw new AssertionError("no call '" + call + "' in " + calls);
    }
    return i;
  }
}
