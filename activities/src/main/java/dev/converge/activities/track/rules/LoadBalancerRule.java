package dev.converge.activities.track.rules;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Services of type LoadBalancer and Ingresses: ready once a load balancer address is published in
 * {@code status.loadBalancer.ingress}. Other Service types are ready when present. Ours: kubedog
 * does not track either kind.
 */
public final class LoadBalancerRule implements ReadinessRule {

  @Override
  public Readiness check(GenericKubernetesResource object) {
    if ("Service".equals(object.getKind()) && !"LoadBalancer".equals(object.get("spec", "type"))) {
      Object type = object.get("spec", "type");
      return Readiness.ready(type == null ? "ClusterIP" : type.toString());
    }
    List<String> addresses = addresses(object);
    if (addresses.isEmpty()) {
      return Readiness.waiting("no address", "waiting for a load balancer address");
    }
    return Readiness.ready(String.join(", ", addresses));
  }

  private static List<String> addresses(GenericKubernetesResource object) {
    if (!(object.get("status", "loadBalancer", "ingress") instanceof List<?> ingress)) {
      return List.of();
    }
    return ingress.stream()
        .filter(Map.class::isInstance)
        .map(Map.class::cast)
        .map(entry -> entry.get("ip") != null ? entry.get("ip") : entry.get("hostname"))
        .filter(a -> a != null)
        .map(Object::toString)
        .collect(Collectors.toList());
  }
}
