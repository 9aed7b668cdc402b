package dev.converge.workflows.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.contract.Annotations;
import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.contract.OperationType;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.plan.Plan.StagePlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanBuilderTest {
  private static final String RELEASE = "shop";
  private static final Map<String, String> OURS =
      Map.of(Annotations.RELEASE_NAME, RELEASE, Annotations.RELEASE_NAMESPACE, Res.NS);

  private final List<ClassifiedResource> resources = new ArrayList<>();
  private final List<ClassifiedResource> previous = new ArrayList<>();
  private final Map<String, LiveState> live = new HashMap<>();

  // ---- helpers: chart, previous revision, cluster, plan

  private static List<ClassifiedResource> classify(Res... res) {
    Classifier.Classification c =
        Classifier.classify(Arrays.stream(res).map(Res::meta).toList(), Res.NS, Readings.LATEST);
    assertEquals(List.of(), c.errors());
    return c.resources();
  }

  private PlanBuilderTest chart(Res... res) {
    resources.addAll(classify(res));
    return this;
  }

  private PlanBuilderTest previously(Res... res) {
    previous.addAll(classify(res));
    return this;
  }

  private PlanBuilderTest live(
      Res res,
      Map<String, String> annotations,
      boolean differs,
      String immutableError,
      String error) {
    String id = res.meta().key().id();
    live.put(id, new LiveState(id, true, "uid-" + id, annotations, differs, immutableError, error));
    return this;
  }

  /** In the cluster, owned by this release, equal to what the chart renders. */
  private PlanBuilderTest same(Res res) {
    return live(res, OURS, false, null, null);
  }

  private PlanBuilderTest differs(Res res) {
    return live(res, OURS, true, null, null);
  }

  private Plan plan(DeployType type) {
    return plan(type, false);
  }

  private Plan plan(DeployType type, boolean trackAll) {
    return PlanBuilder.build(
        new PlanBuilder.Input(RELEASE, Res.NS, type, resources, previous, live, trackAll));
  }

  private Plan planWithoutErrors(DeployType type) {
    Plan plan = plan(type);
    assertEquals(List.of(), plan.errors());
    return plan;
  }

  private static List<PlannedOperation> ops(Plan plan, String name) {
    return plan.operations().stream().filter(op -> op.key().name().equals(name)).toList();
  }

  private static PlannedOperation op(Plan plan, String name) {
    List<PlannedOperation> ops = ops(plan, name);
    assertEquals(1, ops.size(), () -> name + " planned " + ops.size() + " times");
    return ops.get(0);
  }

  private static List<Stage> stagesOf(Plan plan, String name) {
    return plan.stages().stream()
        .filter(
            s ->
                s.steps().stream()
                    .flatMap(step -> step.operations().stream())
                    .anyMatch(op -> op.key().name().equals(name)))
        .map(StagePlan::stage)
        .toList();
  }

  /** Each step of a stage as "step name: resource names". */
  private static List<String> steps(Plan plan, Stage stage) {
    return plan.stages().stream()
        .filter(s -> s.stage() == stage)
        .findFirst()
        .orElseThrow()
        .steps()
        .stream()
        .map(
            step ->
                step.name()
                    + ": "
                    + String.join(
                        ",", step.operations().stream().map(op -> op.key().name()).toList()))
        .toList();
  }

  private static String onlyError(Plan plan) {
    assertEquals(1, plan.errors().size(), () -> "errors: " + plan.errors());
    return plan.errors().get(0);
  }

  private static void assertContains(String text, String... parts) {
    for (String part : parts) {
      assertTrue(text.contains(part), () -> "'" + part + "' not in: " + text);
    }
  }

  // ---- stages

  @Test
  void stagesComeInFixedOrder() {
    assertEquals(
        List.of(Stage.PRUNE, Stage.INIT, Stage.PRE_HOOKS, Stage.MAIN, Stage.POST_HOOKS),
        planWithoutErrors(DeployType.INITIAL).stages().stream().map(StagePlan::stage).toList());
  }

  @Test
  void preInstallHookRunsOnInstallOnly() {
    chart(Res.job("migrate").ann("helm.sh/hook", "pre-install"));
    assertEquals(
        List.of(Stage.PRE_HOOKS), stagesOf(planWithoutErrors(DeployType.INITIAL), "migrate"));
    assertEquals(
        List.of(Stage.PRE_HOOKS), stagesOf(planWithoutErrors(DeployType.INSTALL), "migrate"));
    assertEquals(List.of(), stagesOf(planWithoutErrors(DeployType.UPGRADE), "migrate"));
  }

  @Test
  void preUpgradeHookRunsOnUpgradeOnly() {
    chart(Res.job("migrate").ann("helm.sh/hook", "pre-upgrade"));
    assertEquals(List.of(), stagesOf(planWithoutErrors(DeployType.INITIAL), "migrate"));
    assertEquals(List.of(), stagesOf(planWithoutErrors(DeployType.INSTALL), "migrate"));
    assertEquals(
        List.of(Stage.PRE_HOOKS), stagesOf(planWithoutErrors(DeployType.UPGRADE), "migrate"));
  }

  @Test
  void postHooksRunAfterMain() {
    chart(
        Res.job("notify").ann("helm.sh/hook", "post-install,post-upgrade"),
        Res.configMap("config"));
    Plan plan = planWithoutErrors(DeployType.UPGRADE);
    assertEquals(List.of(Stage.POST_HOOKS), stagesOf(plan, "notify"));
    assertEquals(List.of(Stage.MAIN), stagesOf(plan, "config"));
  }

  @Test
  void hookForBothPreAndPostRunsInBothStages() {
    chart(Res.job("check").ann("helm.sh/hook", "pre-install,post-install"));
    assertEquals(
        List.of(Stage.PRE_HOOKS, Stage.POST_HOOKS),
        stagesOf(planWithoutErrors(DeployType.INITIAL), "check"));
  }

  @Test
  void testHookIsNotPartOfAConverge() {
    chart(Res.job("smoke").ann("helm.sh/hook", "test"));
    assertEquals(List.of(), ops(planWithoutErrors(DeployType.INITIAL), "smoke"));
  }

  @Test
  void crdsFilesCrdsAndNamespacesGoToInit() {
    chart(
        Res.clusterScoped(
                "apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com")
            .fromCrdsDir(),
        Res.clusterScoped(
            "apiextensions.k8s.io/v1", "CustomResourceDefinition", "gadgets.example.com"),
        Res.clusterScoped("v1", "Namespace", "extra"),
        Res.configMap("config"));
    Plan plan = planWithoutErrors(DeployType.UPGRADE);
    assertEquals(List.of(Stage.INIT), stagesOf(plan, "widgets.example.com"));
    assertEquals(List.of(Stage.INIT), stagesOf(plan, "gadgets.example.com"));
    assertEquals(List.of(Stage.INIT), stagesOf(plan, "extra"));
    assertEquals(List.of(Stage.MAIN), stagesOf(plan, "config"));
  }

  // ---- weights and dependencies

  @Test
  void eachWeightIsASubStageInAscendingOrder() {
    chart(
        Res.deployment("web").ann("werf.io/weight", "10"),
        Res.configMap("config").ann("werf.io/weight", "-5"),
        Res.of("v1", "Service", "web"),
        Res.deployment("worker").ann("werf.io/weight", "10"));
    assertEquals(
        List.of("MAIN weight -5: config", "MAIN weight 0: web", "MAIN weight 10: web,worker"),
        steps(planWithoutErrors(DeployType.INITIAL), Stage.MAIN));
  }

  @Test
  void dependentGoesRightAfterItsDependencyAndLeavesWeightGrouping() {
    chart(
        Res.of("apps/v1", "StatefulSet", "db"),
        Res.deployment("web")
            .ann("werf.io/weight", "10")
            .ann("werf.io/deploy-dependency-db", "state=ready,kind=StatefulSet,name=db"),
        Res.configMap("config").ann("werf.io/weight", "10"));
    assertEquals(
        List.of(
            "MAIN weight 0: db", "MAIN weight 0 +dependencies 1: web", "MAIN weight 10: config"),
        steps(planWithoutErrors(DeployType.INITIAL), Stage.MAIN));
  }

  @Test
  void dependentWaitsForADependencyOfHigherWeight() {
    chart(
        Res.of("apps/v1", "StatefulSet", "db").ann("werf.io/weight", "20"),
        Res.deployment("web")
            .ann("werf.io/deploy-dependency-db", "state=present,kind=StatefulSet,name=db"),
        Res.configMap("config"));
    assertEquals(
        List.of(
            "MAIN weight 0: config", "MAIN weight 20: db", "MAIN weight 20 +dependencies 1: web"),
        steps(planWithoutErrors(DeployType.INITIAL), Stage.MAIN));
  }

  @Test
  void dependencyChainsGoOneStepFurtherEachLink() {
    chart(
        Res.configMap("c")
            .ann("werf.io/deploy-dependency-b", "state=present,kind=ConfigMap,name=b"),
        Res.configMap("b")
            .ann("werf.io/deploy-dependency-a", "state=present,kind=ConfigMap,name=a"),
        Res.configMap("a"));
    assertEquals(
        List.of(
            "MAIN weight 0: a",
            "MAIN weight 0 +dependencies 1: b",
            "MAIN weight 0 +dependencies 2: c"),
        steps(planWithoutErrors(DeployType.INITIAL), Stage.MAIN));
  }

  @Test
  void dependencyCycleIsAnError() {
    chart(
        Res.configMap("a")
            .ann("werf.io/deploy-dependency-b", "state=present,kind=ConfigMap,name=b"),
        Res.configMap("b")
            .ann("werf.io/deploy-dependency-a", "state=present,kind=ConfigMap,name=a"),
        Res.configMap("c"));
    String error = onlyError(plan(DeployType.INITIAL));
    assertContains(error, "MAIN", "cycle", "/ConfigMap/shop/a", "/ConfigMap/shop/b");
  }

  @Test
  void dependencyMatchingNothingIsAnErrorNamingTheAnnotation() {
    chart(
        Res.deployment("web")
            .ann("werf.io/deploy-dependency-db", "state=ready,kind=StatefulSet,name=db"));
    assertContains(
        onlyError(plan(DeployType.INITIAL)),
        "shop/templates/web.yaml",
        "Deployment/shop/web",
        "werf.io/deploy-dependency-db",
        "matches no resource");
  }

  @Test
  void dependencyOnAnotherStageAddsNoEdgeAndNoError() {
    chart(
        Res.job("migrate").ann("helm.sh/hook", "pre-install"),
        Res.deployment("web")
            .ann("werf.io/deploy-dependency-m", "state=ready,kind=Job,name=migrate"));
    assertEquals(
        List.of("MAIN weight 0: web"), steps(planWithoutErrors(DeployType.INITIAL), Stage.MAIN));
  }

  // ---- operation per resource, docs/semantics.md#operation-per-resource

  @Test
  void absentResourceIsCreatedTrackedAndCompensated() {
    chart(Res.deployment("web").ann("werf.io/replicas-on-creation", "1").replicas(3));
    PlannedOperation op = op(planWithoutErrors(DeployType.INITIAL), "web");
    assertEquals(OperationType.CREATE, op.type());
    assertTrue(op.track());
    assertTrue(op.compensate());
    assertEquals(3, op.replicas());
    assertEquals(1, op.replicasOnCreation());
  }

  @Test
  void absentResourceWithSkipCreateIsLeftAlone() {
    chart(Res.configMap("c").ann("werf.io/resource-policy", "skip-create"));
    PlannedOperation op = op(planWithoutErrors(DeployType.INITIAL), "c");
    assertEquals(OperationType.NONE, op.type());
    assertFalse(op.track());
  }

  @Test
  void existingHookIsRecreatedByItsDefaultBeforeCreationPolicy() {
    Res hook = Res.configMap("h").ann("helm.sh/hook", "pre-upgrade");
    chart(hook).live(hook, Map.of(), false, null, null);
    PlannedOperation op = op(planWithoutErrors(DeployType.UPGRADE), "h");
    assertEquals(OperationType.RECREATE, op.type());
    assertTrue(op.track());
    assertFalse(op.compensate());
  }

  @Test
  void skipRecreateStopsBeforeCreation() {
    Res hook =
        Res.configMap("h")
            .ann("helm.sh/hook", "pre-upgrade")
            .ann("werf.io/resource-policy", "skip-recreate");
    chart(hook).live(hook, Map.of(), false, null, null);
    assertEquals(OperationType.NONE, op(planWithoutErrors(DeployType.UPGRADE), "h").type());
  }

  @Test
  void jobWithImmutableFieldChangeIsRecreatedByDefault() {
    Res job = Res.job("migrate");
    chart(job).live(job, OURS, true, "spec.template: field is immutable", null);
    assertEquals(
        OperationType.RECREATE, op(planWithoutErrors(DeployType.UPGRADE), "migrate").type());
  }

  @Test
  void unchangedJobIsNotRecreated() {
    Res job = Res.job("migrate");
    chart(job).same(job);
    assertEquals(OperationType.NONE, op(planWithoutErrors(DeployType.UPGRADE), "migrate").type());
  }

  @Test
  void explicitBeforeCreationIfImmutableRecreatesOnImmutableChange() {
    Res web = Res.deployment("web").ann("werf.io/delete-policy", "before-creation-if-immutable");
    chart(web).live(web, OURS, true, "spec.selector: field is immutable", null);
    assertEquals(OperationType.RECREATE, op(planWithoutErrors(DeployType.UPGRADE), "web").type());
  }

  @Test
  void immutableFieldChangeWithoutRecreatePolicyIsAnErrorNamingFieldAndResource() {
    Res web = Res.deployment("web");
    chart(web).live(web, OURS, true, "spec.selector: field is immutable", null);
    Plan plan = plan(DeployType.UPGRADE);
    assertContains(
        onlyError(plan),
        "shop/templates/web.yaml",
        "Deployment/shop/web",
        "spec.selector",
        "before-creation-if-immutable");
  }

  @Test
  void changedResourceIsUpdatedButNotCompensated() {
    Res web = Res.deployment("web");
    chart(web).differs(web);
    PlannedOperation op = op(planWithoutErrors(DeployType.UPGRADE), "web");
    assertEquals(OperationType.UPDATE, op.type());
    assertTrue(op.track());
    assertFalse(op.compensate());
  }

  @Test
  void changedResourceWithSkipUpdateIsLeftAlone() {
    Res web = Res.deployment("web").ann("werf.io/resource-policy", "skip-update");
    chart(web).differs(web);
    assertEquals(OperationType.NONE, op(planWithoutErrors(DeployType.UPGRADE), "web").type());
  }

  @Test
  void unchangedResourceIsLeftAloneAndNotTracked() {
    Res web = Res.deployment("web");
    chart(web).same(web);
    Plan plan = planWithoutErrors(DeployType.UPGRADE);
    assertEquals(OperationType.NONE, op(plan, "web").type());
    assertFalse(op(plan, "web").track());
    assertTrue(plan.changesNothing());
  }

  @Test
  void trackAllTracksUnchangedResourcesToo() {
    Res web = Res.deployment("web");
    chart(web).same(web);
    Plan plan = plan(DeployType.UPGRADE, true);
    assertEquals(OperationType.NONE, op(plan, "web").type());
    assertTrue(op(plan, "web").track());
    assertFalse(plan.changesNothing());
  }

  @Test
  void dryRunRefusalIsAnErrorWithTheServerMessage() {
    Res web = Res.deployment("web");
    chart(web).live(web, OURS, true, null, "admission webhook denied: no latest tag");
    assertContains(
        onlyError(plan(DeployType.UPGRADE)),
        "Deployment/shop/web",
        "admission webhook denied: no latest tag");
  }

  @Test
  void dryRunRefusalOfAnAbsentObjectIsAnErrorToo() {
    Res web = Res.deployment("web");
    chart(web);
    String id = web.meta().key().id();
    live.put(
        id, new LiveState(id, false, null, Map.of(), true, null, "spec.replicas: Invalid value"));
    assertContains(
        onlyError(plan(DeployType.INITIAL)), "Deployment/shop/web", "spec.replicas: Invalid value");
  }

  @Test
  void liveObjectOfAnotherReleaseIsAnErrorNamingThatRelease() {
    Res web = Res.deployment("web");
    chart(web)
        .live(
            web,
            Map.of(Annotations.RELEASE_NAME, "blog", Annotations.RELEASE_NAMESPACE, "blog-ns"),
            true,
            null,
            null);
    assertContains(onlyError(plan(DeployType.UPGRADE)), "Deployment/shop/web", "blog", "blog-ns");
  }

  @Test
  void liveObjectOfSameReleaseNameInAnotherNamespaceIsAnError() {
    Res web = Res.deployment("web");
    chart(web)
        .live(
            web,
            Map.of(Annotations.RELEASE_NAME, RELEASE, Annotations.RELEASE_NAMESPACE, "staging"),
            false,
            null,
            null);
    assertContains(onlyError(plan(DeployType.UPGRADE)), "Deployment/shop/web", "staging");
  }

  @Test
  void liveObjectWithoutReleaseAnnotationsIsNotAdopted() {
    Res web = Res.deployment("web");
    chart(web).live(web, Map.of("team", "a"), true, null, null);
    assertContains(
        onlyError(plan(DeployType.UPGRADE)),
        "Deployment/shop/web",
        "meta.helm.sh/release-name",
        "not adopted");
  }

  @Test
  void liveObjectWithoutReleaseAnnotationsIsFineForOwnershipAnyone() {
    Res ns = Res.clusterScoped("v1", "Namespace", Res.NS);
    chart(ns).live(ns, Map.of(), true, null, null);
    assertEquals(OperationType.UPDATE, op(planWithoutErrors(DeployType.UPGRADE), Res.NS).type());
  }

  @Test
  void everyBadLiveObjectIsReportedTogether() {
    Res a = Res.deployment("a");
    Res b = Res.configMap("b");
    chart(a, b).live(a, Map.of(), true, null, null).live(b, OURS, true, null, "denied");
    assertEquals(2, plan(DeployType.UPGRADE).errors().size());
  }

  // ---- compensation and delete flags

  @Test
  void onlyCreatedReleaseObjectsWithoutKeepAreCompensated() {
    chart(
        Res.configMap("plain"),
        Res.configMap("anyone").ann("werf.io/ownership", "anyone"),
        Res.configMap("kept").ann("helm.sh/resource-policy", "keep"),
        Res.configMap("skipdelete").ann("werf.io/resource-policy", "skip-delete"),
        Res.configMap("hook").ann("helm.sh/hook", "pre-install"));
    Plan plan = planWithoutErrors(DeployType.INITIAL);
    plan.operations().forEach(op -> assertEquals(OperationType.CREATE, op.type(), op.describe()));
    assertTrue(op(plan, "plain").compensate());
    assertFalse(op(plan, "anyone").compensate());
    assertFalse(op(plan, "kept").compensate());
    assertFalse(op(plan, "skipdelete").compensate());
    assertFalse(op(plan, "hook").compensate());
  }

  @Test
  void succeededAndFailedDeletePoliciesAreCarriedToTheOperation() {
    chart(
        Res.job("a")
            .ann("helm.sh/hook", "post-install")
            .ann("helm.sh/hook-delete-policy", "hook-succeeded"),
        Res.job("b")
            .ann("helm.sh/hook", "post-install")
            .ann("helm.sh/hook-delete-policy", "hook-failed"));
    Plan plan = planWithoutErrors(DeployType.INITIAL);
    assertTrue(op(plan, "a").deleteWhenSucceeded());
    assertFalse(op(plan, "a").deleteWhenFailed());
    assertFalse(op(plan, "b").deleteWhenSucceeded());
    assertTrue(op(plan, "b").deleteWhenFailed());
  }

  // ---- prune: resources of the last revision gone from the chart

  @Test
  void removedResourceIsDeletedInPruneWithItsPropagation() {
    Res old = Res.configMap("old").ann("werf.io/delete-propagation", "Orphan");
    Res kept = Res.configMap("config");
    chart(kept).same(kept).previously(old, kept).same(old);
    Plan plan = planWithoutErrors(DeployType.UPGRADE);
    PlannedOperation op = op(plan, "old");
    assertEquals(OperationType.DELETE, op.type());
    assertEquals("Orphan", op.deletePropagation());
    assertFalse(op.track());
    assertFalse(op.compensate());
    assertEquals(List.of(Stage.PRUNE), stagesOf(plan, "old"));
    assertEquals(List.of(Stage.MAIN), stagesOf(plan, "config"));
  }

  @Test
  void pruneDeletesHigherWeightsFirst() {
    Res low = Res.configMap("low").ann("werf.io/weight", "-1");
    Res high = Res.configMap("high").ann("werf.io/weight", "5");
    previously(low, high).same(low).same(high);
    assertEquals(
        List.of("PRUNE removed resources: high,low"),
        steps(planWithoutErrors(DeployType.UPGRADE), Stage.PRUNE));
  }

  @Test
  void deleteDependencyNamesTheObjectsOfTheSameStageItsDeleteWaitsFor() {
    Res db = Res.of("apps/v1", "StatefulSet", "db");
    Res app =
        Res.deployment("app").ann("werf.io/delete-dependency-db", "state=absent,kind=StatefulSet");
    Res hook =
        Res.configMap("hook")
            .ann("helm.sh/hook", "post-install")
            .ann("werf.io/delete-dependency-app", "kind=Deployment,name=app");
    chart(db, app, hook);
    Plan initial = planWithoutErrors(DeployType.INITIAL);
    assertEquals(
        List.of(db.meta().key().id()), op(initial, "app").deleteAfter(), "compensation order");
    assertEquals(List.of(), op(initial, "hook").deleteAfter(), "app is in another stage");

    previously(db, app).same(db).same(app);
    resources.clear();
    assertEquals(
        List.of(db.meta().key().id()),
        op(planWithoutErrors(DeployType.UPGRADE), "app").deleteAfter());
  }

  @Test
  void removedResourceKeptByTheChartIsNotDeleted() {
    Res old = Res.configMap("old").ann("helm.sh/resource-policy", "keep");
    previously(old).same(old);
    assertEquals(List.of(), ops(planWithoutErrors(DeployType.UPGRADE), "old"));
  }

  @Test
  void removedResourceWithSkipDeleteIsNotDeleted() {
    Res old = Res.configMap("old").ann("werf.io/resource-policy", "skip-delete");
    previously(old).same(old);
    assertEquals(List.of(), ops(planWithoutErrors(DeployType.UPGRADE), "old"));
  }

  @Test
  void removedResourceKeptOnlyOnTheLiveObjectIsNotDeleted() {
    Res helmKeep = Res.configMap("helmkeep");
    Res werfKeep = Res.configMap("werfkeep");
    Map<String, String> helm = new HashMap<>(OURS);
    helm.put("helm.sh/resource-policy", "keep");
    Map<String, String> werf = new HashMap<>(OURS);
    werf.put("werf.io/resource-policy", "skip-delete");
    previously(helmKeep, werfKeep)
        .live(helmKeep, helm, false, null, null)
        .live(werfKeep, werf, false, null, null);
    assertEquals(List.of(), planWithoutErrors(DeployType.UPGRADE).operations());
  }

  @Test
  void removedResourceOwnedByAnyoneIsNotDeleted() {
    Res old = Res.configMap("old").ann("werf.io/ownership", "anyone");
    previously(old).same(old);
    assertEquals(List.of(), ops(planWithoutErrors(DeployType.UPGRADE), "old"));
  }

  @Test
  void removedHookIsNotDeleted() {
    Res old = Res.job("old").ann("helm.sh/hook", "pre-upgrade").ann("werf.io/ownership", "release");
    previously(old).same(old);
    assertEquals(List.of(), ops(planWithoutErrors(DeployType.UPGRADE), "old"));
  }

  @Test
  void removedResourceNowOwnedByAnotherReleaseIsNotDeleted() {
    Res old = Res.configMap("old");
    previously(old)
        .live(
            old,
            Map.of(Annotations.RELEASE_NAME, "blog", Annotations.RELEASE_NAMESPACE, Res.NS),
            false,
            null,
            null);
    assertEquals(List.of(), ops(planWithoutErrors(DeployType.UPGRADE), "old"));
  }

  @Test
  void removedResourceAlreadyAbsentIsNotDeleted() {
    Res gone = Res.configMap("gone");
    Res unknown = Res.configMap("unknown");
    previously(gone, unknown);
    live.put(gone.meta().key().id(), LiveState.absent(gone.meta().key().id()));
    Plan plan = planWithoutErrors(DeployType.UPGRADE);
    assertEquals(List.of(), plan.operations());
    assertEquals(List.of(), steps(plan, Stage.PRUNE));
  }

  @Test
  void resourceStillInTheChartIsNotPrunedEvenUnderANewApiVersion() {
    Res hpaV1 = Res.of("autoscaling/v1", "HorizontalPodAutoscaler", "web");
    Res hpaV2 = Res.of("autoscaling/v2", "HorizontalPodAutoscaler", "web");
    chart(hpaV2).previously(hpaV1).same(hpaV2);
    Plan plan = planWithoutErrors(DeployType.UPGRADE);
    assertEquals(OperationType.NONE, op(plan, "web").type());
    assertNull(
        plan.operations().stream()
            .filter(op -> op.type() == OperationType.DELETE)
            .findAny()
            .orElse(null));
  }
}
