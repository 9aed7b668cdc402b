package dev.converge.activities.track.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.converge.activities.track.rules.Readiness.Verdict;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

class PresentReadinessTest {

  @Test
  void kindsWithoutARuleAreReadyWhenPresent() {
    GenericKubernetesResource configMap = new GenericKubernetesResource();
    configMap.setApiVersion("v1");
    configMap.setKind("ConfigMap");
    configMap.setMetadata(
        new ObjectMetaBuilder().withName("settings").withNamespace("shop").build());
    Readiness readiness = ReadinessRules.check(configMap);
    assertEquals(Verdict.READY, readiness.verdict());
    assertEquals("present", readiness.info());
  }
}
