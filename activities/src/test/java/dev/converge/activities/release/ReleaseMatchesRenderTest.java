package dev.converge.activities.release;

import static org.junit.jupiter.api.Assertions.*;

import dev.converge.activities.manifest.InMemoryManifestStore;
import dev.converge.activities.render.RenderActivitiesImpl;
import dev.converge.workflows.activities.ReleaseActivities.PendingRevision;
import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.model.ConvergeRequest;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.ResourceMeta;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * "Unchanged" (docs/semantics.md#skip-when-unchanged) compares what render says now with what the
 * stored revision says: both sides must compute the same digests for the same chart, hooks
 * included.
 */
class ReleaseMatchesRenderTest {
  private static final Path SHOP = Path.of("..", "examples", "shop").toAbsolutePath().normalize();

  @Test
  void storedRevisionHasTheDigestsOfTheRenderThatProducedIt() {
    InMemoryManifestStore bundles = new InMemoryManifestStore();
    RenderActivitiesImpl render = new RenderActivitiesImpl(bundles, SHOP.getParent());
    ReleaseActivitiesImpl release =
        ReleaseActivitiesImpl.onStore(new InMemoryReleaseStore(), bundles, Clock.systemUTC());
    ConvergeRequest request =
        new ConvergeRequest(
            "shop",
            "shop-prod",
            "shop",
            Map.of("greeting", "hi"),
            List.of("shop/values-prod.yaml"),
            List.of(),
            List.of("web.replicas=3"),
            List.of(),
            List.of(),
            null,
            null,
            0,
            false);

    RenderedChart chart = render.render(request);
    release.savePending(
        new PendingRevision(request.target(), 1, DeployType.INITIAL, chart.bundleDigest(), 10));
    release.markDeployed(request.target(), 1, null);
    ReleaseHistory history = release.history(request.target());

    assertEquals(chart.manifestDigest(), history.last().manifestDigest());
    assertEquals(chart.valuesDigest(), history.last().valuesDigest());
    // The release manifest is compared as a whole (manifestDigest); hooks one by one.
    Map<String, String> renderedHooks =
        digests(chart.resources().stream().filter(ReleaseMatchesRenderTest::hook).toList());
    assertEquals(List.of("batch/Job/shop-prod/shop-migrate"), List.copyOf(renderedHooks.keySet()));
    assertEquals(
        renderedHooks,
        digests(history.lastResources().stream().filter(ReleaseMatchesRenderTest::hook).toList()));
    assertEquals(
        digests(chart.resources().stream().filter(r -> !r.fromCrdsDir()).toList()).keySet(),
        digests(history.lastResources()).keySet(),
        "the stored revision knows every object it deployed");
  }

  private static boolean hook(ResourceMeta r) {
    return r.annotation("helm.sh/hook") != null;
  }

  private static Map<String, String> digests(List<ResourceMeta> resources) {
    return resources.stream().collect(Collectors.toMap(r -> r.key().id(), ResourceMeta::digest));
  }
}
