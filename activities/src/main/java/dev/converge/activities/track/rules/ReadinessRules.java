package dev.converge.activities.track.rules;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The rule for each kind, by {@code group/Kind}: the workload rules that need code, listed here,
 * and the rules declared in {@code readiness-rules.yaml} ({@link DeclaredRules}), where a new kind
 * usually goes. Kinds with neither follow kstatus ({@link KstatusRule}).
 */
public final class ReadinessRules {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final ReadinessRule KSTATUS = new KstatusRule();
  private static final ReadinessRule LOAD_BALANCER = new LoadBalancerRule();
  private static final Map<String, ReadinessRule> CODED =
      Map.ofEntries(
          Map.entry("apps/Deployment", typed(Deployment.class, DeploymentRule::check)),
          Map.entry("apps/StatefulSet", typed(StatefulSet.class, StatefulSetRule::check)),
          Map.entry("apps/DaemonSet", typed(DaemonSet.class, DaemonSetRule::check)),
          Map.entry("batch/Job", typed(Job.class, JobRule::check)),
          Map.entry("/Pod", new PodRule()),
          Map.entry("/Service", LOAD_BALANCER),
          Map.entry("networking.k8s.io/Ingress", LOAD_BALANCER));
  private static final Map<String, ReadinessRule> BY_KIND = merged(CODED, DeclaredRules.load());

  private ReadinessRules() {}

  public static Readiness check(GenericKubernetesResource object) {
    return forKind(group(object.getApiVersion()), object.getKind()).check(object);
  }

  public static ReadinessRule forKind(String group, String kind) {
    return BY_KIND.getOrDefault(group + "/" + kind, KSTATUS);
  }

  /** Typed view of a generic object: rules read typed fields, informers hand out generic ones. */
  public static <T> T as(GenericKubernetesResource object, Class<T> type) {
    return SERIALIZATION.convertValue(object, type);
  }

  private static Map<String, ReadinessRule> merged(
      Map<String, ReadinessRule> coded, Map<String, ReadinessRule> declared) {
    Map<String, ReadinessRule> all = new HashMap<>(coded);
    declared.forEach(
        (kind, rule) -> {
          if (all.putIfAbsent(kind, rule) != null) {
            throw new IllegalStateException(
                kind + " has a rule in code and one in " + DeclaredRules.RESOURCE + ": keep one");
          }
        });
    return Map.copyOf(all);
  }

  private static <T> ReadinessRule typed(Class<T> type, Function<T, Readiness> rule) {
    return object -> rule.apply(as(object, type));
  }

  private static String group(String apiVersion) {
    int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }
}
