package dev.converge.activities.track.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.activities.track.Fixtures;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodFailureReadinessTest {

  private static List<PodFailure> observe(String fixture) {
    return PodFailures.observe(Fixtures.load(fixture, Pod.class));
  }

  @Test
  void crashLoopingContainerIsOneFailureWithItsRestartCount() {
    List<PodFailure> failures = observe("pod-crashloop.yaml");
    assertEquals(1, failures.size());
    PodFailure failure = failures.get(0);
    assertEquals("web-5b8f9d7c6a-x2k8p", failure.pod());
    assertEquals("app", failure.container());
    assertEquals("CrashLoopBackOff", failure.reason());
    assertEquals(3, failure.restartCount());
    assertTrue(failure.message().startsWith("back-off 40s restarting failed container=app"));
  }

  @Test
  void imagePullBackOffIsAFailure() {
    PodFailure failure = observe("pod-image-pull.yaml").get(0);
    assertEquals("ImagePullBackOff", failure.reason());
    assertEquals(
        "Back-off pulling image \"registry.example.com/shop/web:1.5.1\"", failure.message());
  }

  @Test
  void missingSecretIsACreateContainerConfigError() {
    PodFailure failure = observe("pod-config-error.yaml").get(0);
    assertEquals("CreateContainerConfigError", failure.reason());
    assertEquals(
        "pod web-5b8f9d7c6a-x2k8p container app: CreateContainerConfigError: secret"
            + " \"db-credentials\" not found",
        failure.describe());
  }

  @Test
  void initContainerExitingNonZeroIsAnErrorWithExitCode() {
    List<PodFailure> failures = observe("pod-init-error.yaml");
    assertEquals(
        1, failures.size(), "the main container waiting in PodInitializing is not a failure");
    assertEquals("wait-db", failures.get(0).container());
    assertEquals("Error", failures.get(0).reason());
    assertEquals(
        "exit code 2: schema version 41 is newer than this binary supports",
        failures.get(0).message());
  }

  @Test
  void runningPodHasNoFailures() {
    assertEquals(List.of(), observe("pod-running.yaml"));
  }

  @Test
  void sameStateGivesTheSameObservationKey() {
    assertEquals(
        observe("pod-crashloop.yaml").get(0).key(), observe("pod-crashloop.yaml").get(0).key());
  }
}
