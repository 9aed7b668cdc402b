package dev.converge.workflows.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.Operation;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The plan as nelm's operation graph: ids, kinds and what each operation waits for. */
class OperationGraphTest {
  private static final Map<String, String> OURS =
      Map.of("meta.helm.sh/release-name", "shop", "meta.helm.sh/release-namespace", Res.NS);

  private static List<ClassifiedResource> classify(Res... res) {
    Classifier.Classification c =
        Classifier.classify(Arrays.stream(res).map(Res::meta).toList(), Res.NS, Readings.LATEST);
    assertEquals(List.of(), c.errors());
    return c.resources();
  }

  private static Map<String, List<String>> dependsOn(List<Operation> graph) {
    return graph.stream()
        .collect(
            Collectors.toMap(Operation::id, Operation::dependsOn, (a, b) -> a, LinkedHashMap::new));
  }

  @Test
  void aPresentDependencyLetsTheDependentGoRightAfterTheApplyAndTracksBothTogether() {
    Plan plan =
        PlanBuilder.build(
            new PlanBuilder.Input(
                "shop",
                Res.NS,
                DeployType.INITIAL,
                classify(
                    Res.of("apps/v1", "StatefulSet", "db"),
                    Res.deployment("web")
                        .ann(
                            "werf.io/deploy-dependency-db",
                            "state=present,kind=StatefulSet,name=db")),
                List.of(),
                Map.of(),
                false));

    List<Operation> graph = OperationGraph.of(plan, 1);

    String db = "apps/StatefulSet/" + Res.NS + "/db";
    String web = "apps/Deployment/" + Res.NS + "/web";
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("release/pending", List.of());
    expected.put("main/create/" + db, List.of("release/pending"));
    expected.put("main/create/" + web, List.of("main/create/" + db));
    expected.put("main/track/" + db, List.of("main/create/" + db));
    expected.put("main/track/" + web, List.of("main/create/" + web));
    expected.put("release/deployed", List.of("main/track/" + db, "main/track/" + web));
    assertEquals(expected, dependsOn(graph));
    assertEquals(
        List.of(
            Operation.Kind.RELEASE,
            Operation.Kind.CREATE,
            Operation.Kind.CREATE,
            Operation.Kind.TRACK,
            Operation.Kind.TRACK,
            Operation.Kind.RELEASE),
        graph.stream().map(Operation::kind).toList());
    assertEquals(
        List.of(Operation.Status.PENDING),
        graph.stream().map(Operation::status).distinct().toList());
  }

  @Test
  void aPruneDeleteWaitsForTheDeletesItsDeleteDependencyNames() {
    List<ClassifiedResource> previous =
        classify(
            Res.of("apps/v1", "StatefulSet", "db"),
            Res.deployment("app")
                .ann("werf.io/delete-dependency-db", "state=absent,kind=StatefulSet,name=db"));
    Map<String, LiveState> live = new HashMap<>();
    previous.forEach(
        r -> live.put(r.id(), new LiveState(r.id(), true, "uid", OURS, false, null, null)));
    Plan plan =
        PlanBuilder.build(
            new PlanBuilder.Input(
                "shop", Res.NS, DeployType.UPGRADE, List.of(), previous, live, false));

    Map<String, List<String>> graph = dependsOn(OperationGraph.of(plan, 2));

    String db = "prune/delete/apps/StatefulSet/" + Res.NS + "/db";
    assertEquals(List.of("release/pending"), graph.get(db));
    assertEquals(
        List.of("release/pending", db),
        graph.get("prune/delete/apps/Deployment/" + Res.NS + "/app"));
  }
}
