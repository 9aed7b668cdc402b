package dev.converge.api.temporal;

import dev.converge.registry.Digests;
import io.temporal.common.Priority;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant a run is dispatched as. Temporal's matching service hands out the task queue's tasks
 * in weighted turns across fairness keys, and a run's activities and child workflows inherit its
 * key, so one tenant's fifty converges wait behind each other, not in front of another tenant's
 * one. The key comes from the workflow id ({@code <type>/<kubeContext>/<namespace>/<release>}), so
 * every kind of run of a release, from the API or a schedule, counts for the same tenant.
 */
public final class Fairness {
  /** Temporal's limit on a fairness key. */
  static final int KEY_BYTES = 64;

  private final boolean enabled;
  private final Map<String, String> teamOf = new HashMap<>();
  private final Map<String, Float> weights;

  public Fairness(FairnessSettings settings) {
    this.enabled = settings.enabled();
    settings.teams().forEach((team, namespaces) -> namespaces.forEach(ns -> teamOf.put(ns, team)));
    this.weights = settings.weights();
  }

  /** The tenant key of a run; null when fairness is off or the id names no namespace. */
  public String key(String workflowId) {
    List<String> parts = List.of(workflowId.split("/"));
    if (!enabled || parts.size() < 4) {
      return null;
    }
    String context = parts.get(1);
    String namespace = parts.get(2);
    String team = teamOf.getOrDefault(context + "/" + namespace, teamOf.get(namespace));
    return bounded(team != null ? team : context + "/" + namespace);
  }

  /** The priority a run starts with; null: none (the task queue's plain order). */
  public Priority priority(String workflowId) {
    String key = key(workflowId);
    if (key == null) {
      return null;
    }
    Priority.Builder priority = Priority.newBuilder().setFairnessKey(key);
    Float weight = weights.get(key);
    if (weight != null && weight > 0) {
      priority.setFairnessWeight(weight);
    }
    return priority.build();
  }

  /**
   * Long context and namespace names together can pass the limit: cut, with a digest to keep apart.
   */
  private static String bounded(String key) {
    if (key.getBytes(StandardCharsets.UTF_8).length <= KEY_BYTES) {
      return key;
    }
    String digest = Digests.sha256(key.getBytes(StandardCharsets.UTF_8)).replace("sha256:", "");
    return key.substring(0, 40) + "~" + digest.substring(0, 16);
  }
}
