package dev.converge.activities.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.converge.workflows.activities.ClusterActivities.DeleteOp;
import dev.converge.workflows.model.ResourceKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeleteOrderTest {

  @Test
  void onlyNeighboursOfOneKindAreDeletedTogether() {
    List<DeleteOp> ops =
        List.of(
            op("Deployment", "web"),
            op("Deployment", "worker"),
            op("Service", "web"),
            op("ConfigMap", "a"),
            op("ConfigMap", "b"),
            op("Deployment", "late"));

    List<List<String>> runs =
        Deleter.runsOfOneKind(ops).stream()
            .map(run -> run.stream().map(o -> o.key().kind() + "/" + o.key().name()).toList())
            .toList();

    assertEquals(
        List.of(
            List.of("Deployment/web", "Deployment/worker"),
            List.of("Service/web"),
            List.of("ConfigMap/a", "ConfigMap/b"),
            List.of("Deployment/late")),
        runs);
  }

  private static DeleteOp op(String kind, String name) {
    return new DeleteOp(
        new ResourceKey(kind.equals("Deployment") ? "apps/v1" : "v1", kind, "ns", name),
        null,
        "Background");
  }
}
