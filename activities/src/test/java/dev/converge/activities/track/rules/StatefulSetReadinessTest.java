package dev.converge.activities.track.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.converge.activities.track.Fixtures;
import dev.converge.activities.track.rules.Readiness.Verdict;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import org.junit.jupiter.api.Test;

class StatefulSetReadinessTest {

  private static StatefulSet fixture(String name) {
    return Fixtures.load(name, StatefulSet.class);
  }

  @Test
  void readyWhenAllReplicasAreReadyAndUpdated() {
    Readiness readiness = StatefulSetRule.check(fixture("statefulset-ready.yaml"));
    assertEquals(Verdict.READY, readiness.verdict());
    assertEquals("Ready 3/3, 3 updated", readiness.info());
  }

  @Test
  void waitingWhileUpdateRevisionDiffersFromCurrentRevision() {
    Readiness readiness = StatefulSetRule.check(fixture("statefulset-rolling.yaml"));
    assertEquals(Verdict.WAITING, readiness.verdict());
    assertEquals("Ready 3/3, 1 updated", readiness.info());
  }

  @Test
  void partitionedRolloutIsReadyOnceReplicasAbovePartitionAreUpdated() {
    StatefulSet set = fixture("statefulset-rolling.yaml");
    set.getSpec()
        .setUpdateStrategy(
            new StatefulSetUpdateStrategy(
                new RollingUpdateStatefulSetStrategy(null, 2), "RollingUpdate"));
    assertEquals(Verdict.READY, StatefulSetRule.check(set).verdict());
    set.getSpec().getUpdateStrategy().getRollingUpdate().setPartition(1);
    assertEquals(Verdict.WAITING, StatefulSetRule.check(set).verdict());
  }

  @Test
  void waitingWhileFewerReplicasAreReadyThanDesired() {
    StatefulSet set = fixture("statefulset-ready.yaml");
    set.getStatus().setReadyReplicas(2);
    Readiness readiness = StatefulSetRule.check(set);
    assertEquals(Verdict.WAITING, readiness.verdict());
    assertEquals("Ready 2/3, 3 updated", readiness.info());
  }

  @Test
  void onDeleteStrategyIsReadyWhenReplicasAreReady() {
    StatefulSet set = fixture("statefulset-rolling.yaml");
    set.getSpec().setUpdateStrategy(new StatefulSetUpdateStrategy(null, "OnDelete"));
    assertEquals(Verdict.READY, StatefulSetRule.check(set).verdict());
  }

  @Test
  void waitingUntilTheControllerObservesTheNewGeneration() {
    StatefulSet set = fixture("statefulset-ready.yaml");
    set.getMetadata().setGeneration(3L);
    assertEquals(Verdict.WAITING, StatefulSetRule.check(set).verdict());
  }
}
