package dev.converge.api.temporal;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code converge.fairness.*}: how runs share the worker's task queue
 * (docs/operations.md#fairness).
 *
 * @param enabled false: runs start without a fairness key, one queue in arrival order
 * @param teams team key to the namespaces ({@code ns} or {@code context/ns}) it stands for; a
 *     namespace in no team is its own tenant, {@code <kubeContext>/<namespace>}
 * @param weights tenant key to its share of dispatch (default 1; 2 gets twice the share)
 */
@ConfigurationProperties("converge.fairness")
public record FairnessSettings(
    Boolean enabled, Map<String, List<String>> teams, Map<String, Float> weights) {
  public FairnessSettings {
    enabled = enabled == null || enabled;
    teams = teams == null ? Map.of() : Map.copyOf(teams);
    weights = weights == null ? Map.of() : Map.copyOf(weights);
  }
}
