package dev.converge.workflows.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.contract.ExternalDependency;
import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.model.DeployType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The bar: every annotation key nelm 1.31 reads (its pkg/common/common.go), each read by converge.
 * A key with a value to check is rejected, naming the key, when the value is wrong; the few that
 * take any value are shown to act.
 */
class NelmAnnotationsTest {
  /** nelm's key (a sample id or container filled in) and a value nelm would refuse. */
  private static final Map<String, String> REFUSED = new LinkedHashMap<>();

  static {
    REFUSED.put("helm.sh/hook", "pre-lunch");
    REFUSED.put("helm.sh/resource-policy", "forever");
    REFUSED.put("werf.io/resource-policy", "sometimes");
    REFUSED.put("werf.io/delete-policy", "never");
    REFUSED.put("helm.sh/hook-delete-policy", "never");
    REFUSED.put("werf.io/replicas-on-creation", "-1");
    REFUSED.put("werf.io/fail-mode", "Panic");
    REFUSED.put("werf.io/failures-allowed-per-replica", "many");
    REFUSED.put("werf.io/ignore-readiness-probe-fails-for-web", "soon");
    REFUSED.put("werf.io/log-regex", "([a-z");
    REFUSED.put("werf.io/log-regex-skip", "([a-z");
    REFUSED.put("werf.io/log-regex-for-web", "([a-z");
    REFUSED.put("werf.io/log-regex-skip-for-web", "([a-z");
    REFUSED.put("werf.io/no-activity-timeout", "soon");
    REFUSED.put("werf.io/show-service-messages", "maybe");
    REFUSED.put("werf.io/show-logs-only-for-number-of-replicas", "11");
    REFUSED.put("werf.io/skip-logs", "maybe");
    REFUSED.put("werf.io/track-termination-mode", "WhenBored");
    REFUSED.put("werf.io/weight", "heavy");
    REFUSED.put("helm.sh/hook-weight", "heavy");
    REFUSED.put("werf.io/deploy-dependency-db", "state=done,kind=StatefulSet,name=db");
    REFUSED.put("werf.io/delete-dependency-db", "state=ready,kind=StatefulSet");
    REFUSED.put("db.dependency.werf.io", "StatefulSet");
    REFUSED.put("db.external-dependency.werf.io", "StatefulSet");
    REFUSED.put("db.external-dependency.werf.io/resource", "statefulset");
    REFUSED.put("werf.io/sensitive", "yes");
    // werf.io/sensitive-paths is read where a manifest is shown: SensitiveTest (activities).
    REFUSED.put("werf.io/deploy-on", "lunch");
    REFUSED.put("werf.io/ownership", "everyone");
    REFUSED.put("werf.io/delete-propagation", "Sideways");
  }

  @Test
  void eachKeyWithAValueToCheckRefusesAWrongOneNamingTheKey() {
    for (var entry : REFUSED.entrySet()) {
      List<String> errors =
          Classifier.classify(
                  List.of(Res.deployment("web").ann(entry.getKey(), entry.getValue()).meta()),
                  Res.NS,
                  Readings.LATEST)
              .errors();
      assertFalse(errors.isEmpty(), entry.getKey() + ": " + entry.getValue() + " was accepted");
      assertTrue(
          errors.stream().anyMatch(e -> e.contains(entry.getKey())),
          entry.getKey() + ": " + errors);
    }
  }

  @Test
  void theKeysThatTakeAnyValueAct() {
    // <id>.external-dependency.werf.io/namespace: where the dependency is looked for.
    ClassifiedResource web =
        Classifier.classify(
                List.of(
                    Res.deployment("web")
                        .ann("db.external-dependency.werf.io/resource", "secret/db")
                        .ann("db.external-dependency.werf.io/namespace", "vault")
                        .ann("cache.external-dependency.werf.io", "apps/v1:StatefulSet:data:redis")
                        .meta()),
                Res.NS,
                Readings.LATEST)
            .resources()
            .get(0);
    assertEquals(
        List.of(
            new ExternalDependency("db", "secret", null, null, "db", "vault"),
            new ExternalDependency("cache", "StatefulSet", "v1", "apps", "redis", "data")),
        web.externalDependencies());
    // Container lists: any names.
    var tracking =
        Classifier.classify(
                List.of(
                    Res.deployment("web")
                        .ann("werf.io/skip-logs-for-containers", "istio-proxy")
                        .ann("werf.io/show-logs-only-for-containers", "web,worker")
                        .meta()),
                Res.NS,
                Readings.LATEST)
            .resources()
            .get(0)
            .tracking();
    assertEquals(Set.of("istio-proxy"), tracking.skipLogsForContainers());
    assertEquals(Set.of("web", "worker"), tracking.showLogsOnlyForContainers());
  }

  @Test
  void releaseAnnotationsOnTheLiveObjectDecideOwnership() {
    // meta.helm.sh/release-name and -namespace (and the managed-by label, written with them):
    // another release's object is not taken over.
    Res config = Res.configMap("config");
    var c = Classifier.classify(List.of(config.meta()), Res.NS, Readings.LATEST);
    String id = config.meta().key().id();
    var live =
        new LiveState(
            id,
            true,
            "uid",
            Map.of("meta.helm.sh/release-name", "other", "meta.helm.sh/release-namespace", Res.NS),
            true,
            null,
            null);
    Plan plan =
        PlanBuilder.build(
            new PlanBuilder.Input(
                "shop",
                Res.NS,
                DeployType.UPGRADE,
                c.resources(),
                List.of(),
                Map.of(id, live),
                false));
    assertTrue(plan.errors().get(0).contains("belongs to release other"), plan.errors().toString());
  }
}
