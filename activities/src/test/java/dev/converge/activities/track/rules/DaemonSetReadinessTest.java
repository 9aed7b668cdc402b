package dev.converge.activities.track.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.converge.activities.track.Fixtures;
import dev.converge.activities.track.rules.Readiness.Verdict;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import org.junit.jupiter.api.Test;

class DaemonSetReadinessTest {

  private static DaemonSet fixture(String name) {
    return Fixtures.load(name, DaemonSet.class);
  }

  @Test
  void readyWhenEveryScheduledPodIsUpdatedAndAvailable() {
    Readiness readiness = DaemonSetRule.check(fixture("daemonset-ready.yaml"));
    assertEquals(Verdict.READY, readiness.verdict());
    assertEquals("3/3 updated, 3 available", readiness.info());
  }

  @Test
  void waitingWhileTheRollingUpdateIsInProgress() {
    Readiness readiness = DaemonSetRule.check(fixture("daemonset-rolling.yaml"));
    assertEquals(Verdict.WAITING, readiness.verdict());
    assertEquals("1/3 updated, 2 available", readiness.info());
  }

  @Test
  void onDeleteStrategyIsReadyAtOnce() {
    DaemonSet set = fixture("daemonset-rolling.yaml");
    set.getSpec().setUpdateStrategy(new DaemonSetUpdateStrategy(null, "OnDelete"));
    assertEquals(Verdict.READY, DaemonSetRule.check(set).verdict());
  }

  @Test
  void waitingUntilTheControllerObservesTheNewGeneration() {
    DaemonSet set = fixture("daemonset-ready.yaml");
    set.getMetadata().setGeneration(6L);
    assertEquals(Verdict.WAITING, DaemonSetRule.check(set).verdict());
  }
}
