package dev.converge.activities.track.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.converge.activities.track.Fixtures;
import dev.converge.activities.track.rules.Readiness.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Custom resources (a Widget of a CRD created on the local stack, status written through the status
 * subresource) follow kstatus.
 */
class KstatusReadinessTest {

  private static Readiness check(String fixture) {
    return ReadinessRules.check(Fixtures.generic(fixture));
  }

  @Test
  void objectWithoutConditionsIsReadyWhenPresent() {
    Readiness readiness = check("custom-no-status.json");
    assertEquals(Verdict.READY, readiness.verdict());
    assertEquals("present", readiness.info());
  }

  @Test
  void readyConditionTrueIsReady() {
    assertEquals(Verdict.READY, check("custom-ready.json").verdict());
  }

  @Test
  void reconcilingWaitsWithTheControllersMessage() {
    Readiness readiness = check("custom-reconciling.json");
    assertEquals(Verdict.WAITING, readiness.verdict());
    assertEquals("Progressing: creating 3 replicas", readiness.reason());
  }

  @Test
  void stalledFailsEvenWithAReadyConditionPresent() {
    Readiness readiness = check("custom-stalled.json");
    assertEquals(Verdict.FAILED, readiness.verdict());
    assertEquals("QuotaExceeded: cannot create replica 3: quota exceeded", readiness.reason());
  }

  @Test
  void readyOfAnOlderGenerationIsNotTrusted() {
    Readiness readiness = check("custom-ready-old-generation.json");
    assertEquals(Verdict.WAITING, readiness.verdict());
    assertEquals("observedGeneration 1 < generation 2", readiness.reason());
  }

  @Test
  void bareCompletedPodIsReadyAndARunningUnreadyOneWaits() {
    var pod = Fixtures.generic("pod-running.yaml");
    assertEquals(Verdict.READY, ReadinessRules.check(pod).verdict());
    pod.<Map<String, Object>>get("status").put("phase", "Succeeded");
    pod.<Map<String, Object>>get("status").remove("conditions");
    assertEquals(Verdict.READY, ReadinessRules.check(pod).verdict());
    var crashing = Fixtures.generic("pod-crashloop.yaml");
    assertEquals(Verdict.WAITING, ReadinessRules.check(crashing).verdict());
  }
}
