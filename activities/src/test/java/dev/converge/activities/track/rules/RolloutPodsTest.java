package dev.converge.activities.track.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.converge.activities.track.Fixtures;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * fixtures/rollout: a 2-replica Deployment on the local stack mid-rollout from revision 1 (two
 * ready pods) to revision 2 (one never-ready pod), saved with kubectl.
 */
class RolloutPodsTest {
  private final GenericKubernetesResource deployment = Fixtures.generic("rollout/deployment.json");
  private final List<ReplicaSet> sets =
      Fixtures.load("rollout/replicasets.json", ReplicaSetList.class).getItems();
  private final List<Pod> pods = Fixtures.load("rollout/pods.json", PodList.class).getItems();

  private static List<String> names(List<Pod> pods) {
    return pods.stream().map(p -> p.getMetadata().getName()).toList();
  }

  @Test
  void onlyPodsOfTheNewestReplicaSetBelongToTheRollout() {
    assertEquals(3, pods.size(), "the selector matches old and new pods");
    assertEquals(
        List.of("api-5bfb4fb599-n757z"), names(RolloutPods.current(deployment, sets, pods)));
  }

  @Test
  void newestReplicaSetIsTheOneOfTheDeploymentsRevision() {
    assertEquals(
        "api-5bfb4fb599",
        RolloutPods.newest(deployment, sets).orElseThrow().getMetadata().getName());
  }

  @Test
  void withoutTheRevisionAnnotationTheHighestRevisionWins() {
    deployment.getMetadata().getAnnotations().remove("deployment.kubernetes.io/revision");
    assertEquals(
        "api-5bfb4fb599",
        RolloutPods.newest(deployment, sets).orElseThrow().getMetadata().getName());
  }

  @Test
  void replicaSetsOfAnotherDeploymentAreIgnored() {
    deployment.getMetadata().setUid("00000000-0000-0000-0000-000000000000");
    assertEquals(3, RolloutPods.current(deployment, sets, pods).size(), "nothing to tell apart");
  }
}
