package dev.converge.workflows.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.plan.Plan.Step;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** present vs ready deploy dependencies, cycles, and hook events that a converge never runs. */
class PlanDependenciesTest {

  private static Plan plan(DeployType type, Res... res) {
    Classifier.Classification c =
        Classifier.classify(Arrays.stream(res).map(Res::meta).toList(), Res.NS, Readings.LATEST);
    assertEquals(List.of(), c.errors());
    return PlanBuilder.build(
        new PlanBuilder.Input("shop", Res.NS, type, c.resources(), List.of(), Map.of(), false));
  }

  /** Each step of a stage as "step name: names [track with next]". */
  private static List<String> steps(Plan plan, Stage stage) {
    return plan.stages().stream()
        .filter(s -> s.stage() == stage)
        .findFirst()
        .orElseThrow()
        .steps()
        .stream()
        .map(PlanDependenciesTest::describe)
        .toList();
  }

  private static String describe(Step step) {
    return step.name()
        + ": "
        + String.join(",", step.operations().stream().map(op -> op.key().name()).toList())
        + (step.trackWithNext() ? " [track with next]" : "");
  }

  @Test
  void presentDependencyIsTrackedTogetherWithItsDependent() {
    Plan plan =
        plan(
            DeployType.INITIAL,
            Res.of("apps/v1", "StatefulSet", "db"),
            Res.deployment("web")
                .ann("werf.io/deploy-dependency-db", "state=present,kind=StatefulSet,name=db"));
    assertEquals(
        List.of("MAIN weight 0: db [track with next]", "MAIN weight 0 +dependencies 1: web"),
        steps(plan, Stage.MAIN));
  }

  @Test
  void readyDependencyIsTrackedBeforeItsDependentIsApplied() {
    Plan plan =
        plan(
            DeployType.INITIAL,
            Res.of("apps/v1", "StatefulSet", "db"),
            Res.deployment("web")
                .ann("werf.io/deploy-dependency-db", "state=ready,kind=StatefulSet,name=db"));
    assertEquals(
        List.of("MAIN weight 0: db", "MAIN weight 0 +dependencies 1: web"),
        steps(plan, Stage.MAIN));
  }

  @Test
  void oneReadyDependentInTheNextStepMakesTheStepWaitForReadiness() {
    Plan plan =
        plan(
            DeployType.INITIAL,
            Res.of("apps/v1", "StatefulSet", "db"),
            Res.deployment("web")
                .ann("werf.io/deploy-dependency-db", "state=present,kind=StatefulSet,name=db"),
            Res.deployment("worker")
                .ann("werf.io/deploy-dependency-db", "state=ready,kind=StatefulSet,name=db"));
    assertEquals(
        List.of("MAIN weight 0: db", "MAIN weight 0 +dependencies 1: web,worker"),
        steps(plan, Stage.MAIN));
  }

  @Test
  void readyDependencyOnAnUntrackedEarlierStepStopsDeferral() {
    // a <-present- b; c needs a ready and b present: a is still untracked when c would be applied.
    Plan plan =
        plan(
            DeployType.INITIAL,
            Res.configMap("a"),
            Res.configMap("b")
                .ann("werf.io/deploy-dependency-a", "state=present,kind=ConfigMap,name=a"),
            Res.configMap("c")
                .ann("werf.io/deploy-dependency-a", "state=ready,kind=ConfigMap,name=a")
                .ann("werf.io/deploy-dependency-b", "state=present,kind=ConfigMap,name=b"));
    assertEquals(
        List.of(
            "MAIN weight 0: a [track with next]",
            "MAIN weight 0 +dependencies 1: b",
            "MAIN weight 0 +dependencies 2: c"),
        steps(plan, Stage.MAIN));
  }

  @Test
  void lastStepOfAWeightIsAlwaysTrackedBeforeTheNextWeight() {
    Plan plan =
        plan(
            DeployType.INITIAL,
            Res.configMap("a"),
            Res.configMap("b")
                .ann("werf.io/deploy-dependency-a", "state=present,kind=ConfigMap,name=a"),
            Res.configMap("later").ann("werf.io/weight", "5"));
    assertEquals(
        List.of(
            "MAIN weight 0: a [track with next]",
            "MAIN weight 0 +dependencies 1: b",
            "MAIN weight 5: later"),
        steps(plan, Stage.MAIN));
  }

  @Test
  void cycleErrorNamesOnlyTheResourcesOnTheCycle() {
    Classifier.Classification c =
        Classifier.classify(
            List.of(
                Res.configMap("a")
                    .ann("werf.io/deploy-dependency-b", "state=ready,kind=ConfigMap,name=b")
                    .meta(),
                Res.configMap("b")
                    .ann("werf.io/deploy-dependency-a", "state=ready,kind=ConfigMap,name=a")
                    .meta(),
                Res.configMap("outside")
                    .ann("werf.io/deploy-dependency-a", "state=ready,kind=ConfigMap,name=a")
                    .meta()),
            Res.NS,
            Readings.LATEST);
    Plan plan =
        PlanBuilder.build(
            new PlanBuilder.Input(
                "shop", Res.NS, DeployType.INITIAL, c.resources(), List.of(), Map.of(), false));
    assertEquals(1, plan.errors().size(), plan.errors()::toString);
    String error = plan.errors().get(0);
    assertTrue(error.contains("ConfigMap/shop/a") && error.contains("ConfigMap/shop/b"), error);
    assertTrue(!error.contains("outside"), error);
  }

  @Test
  void rollbackDeleteAndTestHooksNeverRunInAConverge() {
    Res[] chart = {
      Res.job("pre-rb").ann("helm.sh/hook", "pre-rollback"),
      Res.job("post-rb").ann("helm.sh/hook", "post-rollback"),
      Res.job("pre-del").ann("helm.sh/hook", "pre-delete"),
      Res.job("post-del").ann("helm.sh/hook", "post-delete"),
      Res.job("smoke").ann("helm.sh/hook", "test"),
      Res.job("werf-del").ann("werf.io/deploy-on", "pre-delete,delete"),
      Res.configMap("app")
    };
    for (DeployType type : List.of(DeployType.INITIAL, DeployType.INSTALL, DeployType.UPGRADE)) {
      Plan plan = plan(type, chart);
      assertEquals(
          List.of("app"),
          plan.operations().stream().map(op -> op.key().name()).toList(),
          type.name());
    }
    // A rollback runs its own hooks, and still no delete or test hooks.
    assertEquals(
        List.of("pre-rb", "app", "post-rb"),
        plan(DeployType.ROLLBACK, chart).operations().stream().map(op -> op.key().name()).toList());
  }
}
