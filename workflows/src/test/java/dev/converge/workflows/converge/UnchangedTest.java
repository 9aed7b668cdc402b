package dev.converge.workflows.converge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.ReleaseActivities.RevisionInfo;
import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.activities.RenderedChart.ChartInfo;
import dev.converge.workflows.contract.OperationType;
import dev.converge.workflows.contract.TrackSpec;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceMeta;
import dev.converge.workflows.plan.Plan;
import dev.converge.workflows.plan.Plan.StagePlan;
import dev.converge.workflows.plan.Plan.Step;
import dev.converge.workflows.plan.PlannedOperation;
import dev.converge.workflows.plan.Stage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnchangedTest {
  private static final ResourceKey WEB = new ResourceKey("apps/v1", "Deployment", "shop", "web");
  private static final ResourceKey HOOK = new ResourceKey("batch/v1", "Job", "shop", "migrate");
  private static final ResourceMeta WEB_META =
      new ResourceMeta(WEB, "shop/templates/web.yaml", Map.of(), false, "sha256:web", 2);

  private static ResourceMeta hook(String digest) {
    return new ResourceMeta(
        HOOK,
        "shop/templates/migrate.yaml",
        Map.of("helm.sh/hook", "pre-upgrade"),
        false,
        digest,
        null);
  }

  private static RenderedChart chart(String manifest, String values, String hookDigest) {
    return new RenderedChart(
        "sha256:bundle",
        manifest,
        values,
        new ChartInfo("shop", "1.0.0", "1.0"),
        List.of(WEB_META, hook(hookDigest)));
  }

  private static ReleaseHistory history(String lastStatus) {
    return new ReleaseHistory(
        List.of(
            new RevisionInfo(1, "superseded", "sha256:old", "sha256:old"),
            new RevisionInfo(2, lastStatus, "sha256:m", "sha256:v")),
        List.of(WEB_META, hook("sha256:hook")));
  }

  private static PlannedOperation op(ResourceKey key, OperationType type, boolean track) {
    return new PlannedOperation(
        key,
        type,
        track,
        TrackSpec.defaults(),
        null,
        null,
        "Foreground",
        false,
        false,
        false,
        List.of(),
        true);
  }

  /** Main does {@code main}; the pre-upgrade hook is recreated, as hooks always are. */
  private static Plan plan(PlannedOperation main) {
    return new Plan(
        List.of(
            new StagePlan(
                Stage.PRE_HOOKS,
                List.of(
                    new Step(
                        "PRE_HOOKS weight 0", List.of(op(HOOK, OperationType.RECREATE, true))))),
            new StagePlan(Stage.MAIN, List.of(new Step("MAIN weight 0", List.of(main))))),
        List.of());
  }

  private static boolean since(ReleaseHistory history, RenderedChart chart, Plan plan) {
    return Unchanged.why(history, chart, plan, true) != null;
  }

  private static final Plan NOTHING_IN_MAIN = plan(op(WEB, OperationType.NONE, false));

  @Test
  void sameContentAndNothingToDoOutsideHooksIsUnchanged() {
    assertTrue(
        since(history("deployed"), chart("sha256:m", "sha256:v", "sha256:hook"), NOTHING_IN_MAIN));
  }

  @Test
  void lastRevisionNotDeployedIsNeverUnchanged() {
    assertFalse(
        since(history("failed"), chart("sha256:m", "sha256:v", "sha256:hook"), NOTHING_IN_MAIN));
    assertFalse(
        since(
            new ReleaseHistory(List.of(), List.of()),
            chart("sha256:m", "sha256:v", "sha256:hook"),
            NOTHING_IN_MAIN));
  }

  @Test
  void otherManifestValuesOrHookContentIsAChange() {
    assertFalse(
        since(history("deployed"), chart("sha256:m2", "sha256:v", "sha256:hook"), NOTHING_IN_MAIN));
    assertFalse(
        since(history("deployed"), chart("sha256:m", "sha256:v2", "sha256:hook"), NOTHING_IN_MAIN));
    assertFalse(
        since(history("deployed"), chart("sha256:m", "sha256:v", "sha256:hook2"), NOTHING_IN_MAIN));
  }

  @Test
  void anOperationOrTrackingOutsideHooksIsAChange() {
    RenderedChart same = chart("sha256:m", "sha256:v", "sha256:hook");
    assertFalse(since(history("deployed"), same, plan(op(WEB, OperationType.UPDATE, true))));
    assertFalse(since(history("deployed"), same, plan(op(WEB, OperationType.NONE, true))));
  }

  /** podinfo's test Pods are named with randAlphaNum: every render differs, none of them runs. */
  @Test
  void testHooksWithRandomNamesDoNotCountOnceTheyAreSetAside() {
    ResourceMeta renderedTest =
        new ResourceMeta(
            new ResourceKey("v1", "Pod", "shop", "web-test-x7k2p"),
            "shop/templates/tests/web.yaml",
            Map.of("helm.sh/hook", "test"),
            false,
            "sha256:t1",
            null);
    ResourceMeta storedTest =
        new ResourceMeta(
            new ResourceKey("v1", "Pod", "shop", "web-test-q9m4z"),
            "shop/templates/tests/web.yaml",
            Map.of("helm.sh/hook", "test-success"),
            false,
            "sha256:t2",
            null);
    RenderedChart rendered =
        new RenderedChart(
            "sha256:bundle",
            "sha256:m",
            "sha256:v",
            new ChartInfo("shop", "1.0.0", "1.0"),
            List.of(WEB_META, hook("sha256:hook"), renderedTest));
    ReleaseHistory stored =
        new ReleaseHistory(
            history("deployed").revisions(), List.of(WEB_META, hook("sha256:hook"), storedTest));
    String why = Unchanged.why(stored, rendered, NOTHING_IN_MAIN, true);
    assertTrue(
        why != null && why.contains("revision 2") && why.contains("no revision written"), why);
    assertFalse(
        Unchanged.why(stored, rendered, NOTHING_IN_MAIN, false) != null,
        "histories recorded before the change keep deciding as they did");
  }
}
