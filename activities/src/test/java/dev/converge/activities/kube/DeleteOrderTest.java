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

  @Test
  void deleteDependenciesMakeWavesAndACycleGoesLastRatherThanNever() {
    DeleteOp db = op("Deployment", "db");
    DeleteOp app = after(op("Deployment", "app"), db);
    DeleteOp config = after(op("ConfigMap", "config"), app);
    DeleteOp free = op("ConfigMap", "free");
    DeleteOp outside = new DeleteOp(free.key(), null, "Background", List.of("v1/Secret/ns/gone"));
    DeleteOp a = op("ConfigMap", "a");
    DeleteOp b = after(op("ConfigMap", "b"), a);
    a = after(a, b);

    assertEquals(
        List.of(List.of("db", "free"), List.of("app"), List.of("config")),
        names(DeleteWaves.of(List.of(config, app, db, outside))),
        "an id outside the request does not hold anything back");
    assertEquals(List.of(List.of("a", "b")), names(DeleteWaves.of(List.of(a, b))));
  }

  private static DeleteOp after(DeleteOp op, DeleteOp dependency) {
    return new DeleteOp(op.key(), null, op.propagation(), List.of(dependency.key().id()));
  }

  private static List<List<String>> names(List<List<DeleteOp>> waves) {
    return waves.stream().map(w -> w.stream().map(o -> o.key().name()).toList()).toList();
  }

  private static DeleteOp op(String kind, String name) {
    return new DeleteOp(
        new ResourceKey(kind.equals("Deployment") ? "apps/v1" : "v1", kind, "ns", name),
        null,
        "Background");
  }
}
