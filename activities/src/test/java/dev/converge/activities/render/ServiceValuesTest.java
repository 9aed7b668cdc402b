package dev.converge.activities.render;

import static dev.converge.activities.render.RenderFixtures.EXAMPLES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.activities.manifest.InMemoryManifestStore;
import dev.converge.activities.manifest.RenderedRelease;
import dev.converge.workflows.activities.RenderActivities.RenderRequest;
import dev.converge.workflows.model.ConvergeRequest;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * werf's service values (werf.env, global.env from {@code env}) meet charts whose schema forbids
 * unknown keys (cert-manager, traefik): they are left out there instead of failing every install,
 * and kept for charts that allow them.
 */
class ServiceValuesTest {
  @TempDir Path work;
  private final InMemoryManifestStore store = new InMemoryManifestStore();

  private RenderedRelease render(String chart, Map<String, Object> values) {
    ConvergeRequest request =
        new ConvergeRequest(
            "app",
            "prod",
            chart,
            values,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            null,
            "production",
            0,
            false);
    var rendered =
        new RenderActivitiesImpl(store, EXAMPLES, work, null, null)
            .renderRelease(new RenderRequest(request, 1, false));
    return store.get(rendered.bundleDigest());
  }

  @Test
  void aStrictSchemaGetsNoServiceValuesAndTheReleaseKeepsWhatHelmUsed() {
    RenderedRelease bundle = render("strict-schema", Map.of("message", "hi"));
    assertEquals(Map.of("message", "hi"), bundle.config());
    assertTrue(
        bundle.objects().get(0).yaml().contains("message: hi"), bundle.objects().get(0).yaml());
  }

  @Test
  void aChartThatAllowsThemGetsBoth() {
    RenderedRelease bundle = render("shop", Map.of());
    assertEquals(Map.of("env", "production"), bundle.config().get("werf"));
    assertEquals(Map.of("env", "production"), bundle.config().get("global"));
  }

  @Test
  void theUsersOwnSchemaMistakeStillFailsNamingIt() {
    var e =
        Assertions.assertThrows(
            ApplicationFailure.class, () -> render("strict-schema", Map.of("mesage", "typo")));
    assertTrue(e.getOriginalMessage().contains("mesage"), e.getOriginalMessage());
    assertFalse(
        e.getOriginalMessage().contains("'werf'"),
        "only the user's mistake is named: " + e.getOriginalMessage());
  }
}
