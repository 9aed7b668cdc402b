package dev.converge.activities.track.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.activities.track.Fixtures;
import dev.converge.activities.track.rules.Readiness.Verdict;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class DeploymentReadinessTest {

  private static Deployment fixture(String name) {
    return Fixtures.load(name, Deployment.class);
  }

  @Test
  void readyWhenAllDesiredReplicasAreUpdatedAndAvailable() {
    Readiness readiness = DeploymentRule.check(fixture("deployment-ready.yaml"));
    assertEquals(Verdict.READY, readiness.verdict());
    assertEquals("2/2 updated, 2 available", readiness.info());
  }

  @Test
  void waitingWhileTheRolloutIsInProgress() {
    Readiness readiness = DeploymentRule.check(fixture("deployment-progressing.yaml"));
    assertEquals(Verdict.WAITING, readiness.verdict());
    assertEquals("1/2 updated, 2 available", readiness.info());
  }

  @Test
  void waitingUntilTheControllerObservesTheNewGeneration() {
    Deployment deployment = fixture("deployment-ready.yaml");
    deployment.getMetadata().setGeneration(4L);
    Readiness readiness = DeploymentRule.check(deployment);
    assertEquals(Verdict.WAITING, readiness.verdict());
    assertTrue(
        readiness.reason().contains("observedGeneration 3 < generation 4"), readiness.reason());
  }

  @Test
  void failsWhenProgressDeadlineIsExceeded() {
    Readiness readiness = DeploymentRule.check(fixture("deployment-deadline-exceeded.yaml"));
    assertEquals(Verdict.FAILED, readiness.verdict());
    assertTrue(
        readiness
            .reason()
            .startsWith("ProgressDeadlineExceeded: ReplicaSet \"web-5b8f9d7c6a\" has timed out"));
  }

  @Test
  void progressDeadlineOfThePreviousGenerationIsNotJudged() {
    Deployment deployment = fixture("deployment-deadline-exceeded.yaml");
    deployment.getMetadata().setGeneration(5L);
    assertEquals(Verdict.WAITING, DeploymentRule.check(deployment).verdict());
  }

  @Test
  void unsetReplicasMeansOne() {
    Deployment deployment = fixture("deployment-ready.yaml");
    deployment.getSpec().setReplicas(null);
    Readiness readiness = DeploymentRule.check(deployment);
    assertEquals(Verdict.WAITING, readiness.verdict());
    assertEquals("2/1 updated, 2 available", readiness.info());
  }

  @Test
  void waitingWhileTheControllerHasNotWrittenAStatus() {
    Deployment deployment = fixture("deployment-ready.yaml");
    deployment.setStatus(null);
    assertEquals(Verdict.WAITING, DeploymentRule.check(deployment).verdict());
  }

  @Test
  void genericObjectsAreJudgedByTheirKindsRule() {
    assertEquals(
        Verdict.READY, ReadinessRules.check(Fixtures.generic("deployment-ready.yaml")).verdict());
    assertEquals(
        Verdict.FAILED,
        ReadinessRules.check(Fixtures.generic("deployment-deadline-exceeded.yaml")).verdict());
  }
}
