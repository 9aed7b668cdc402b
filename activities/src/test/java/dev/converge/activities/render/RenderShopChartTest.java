package dev.converge.activities.render;

import static dev.converge.activities.render.RenderFixtures.SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import dev.converge.activities.manifest.InMemoryManifestStore;
import dev.converge.activities.manifest.RenderedRelease;
import dev.converge.activities.manifest.RenderedRelease.RenderedObject;
import dev.converge.activities.render.RenderFixtures.Request;
import dev.converge.registry.Digests;
import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.activities.RenderedChart.ChartInfo;
import dev.converge.workflows.model.ResourceMeta;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** examples/shop with values-prod.yaml and overrides, as everyone else will render it. */
class RenderShopChartTest {
  private static final InMemoryManifestStore STORE = new InMemoryManifestStore();
  private static RenderedChart rendered;
  private static RenderedRelease bundle;
  private static Map<String, ResourceMeta> byDisplay;

  @BeforeAll
  static void render() {
    rendered =
        new RenderActivitiesImpl(STORE, SHOP.getParent())
            .render(
                Request.of("shop")
                    .valuesFiles("shop/values-prod.yaml")
                    .set("web.replicas=3")
                    .build());
    bundle = STORE.get(rendered.bundleDigest());
    byDisplay =
        rendered.resources().stream().collect(Collectors.toMap(r -> r.key().display(), r -> r));
  }

  @Test
  void manifestEqualsWhatHelmItselfRendersForTheSameInputs() {
    String helm =
        new Helm(SHOP)
            .template()
            .withName("shop")
            .withNamespace("prod")
            .withValuesFile(SHOP.resolve("values-prod.yaml"))
            .set("web.replicas", "3")
            .call();
    assertEquals(helm, bundle.manifest());
    assertEquals(Digests.sha256(helm), rendered.manifestDigest());
  }

  @Test
  void valuesFileAndSetOverrideChartDefaults() {
    ResourceMeta web = byDisplay.get("Deployment/prod/shop-web");
    assertEquals(3, web.replicas());
    assertEquals("10", web.annotation("werf.io/weight"));
    String yaml = bundle.object(web.key().id()).orElseThrow().yaml();
    assertTrue(yaml.contains("registry.local/shop/web:1.1"), yaml);
    assertEquals(
        Map.of(
            "web",
            Map.of("image", "registry.local/shop/web:1.1", "replicas", 3L),
            "greeting",
            "hello from prod",
            "apiKey",
            "prod-key",
            "redis",
            Map.of("maxMemory", "256mb")),
        bundle.config());
  }

  @Test
  void subchartObjectsArePresentWithSubchartValues() {
    ResourceMeta redis = byDisplay.get("StatefulSet/prod/shop-redis");
    assertEquals("shop/charts/redis/templates/statefulset.yaml", redis.source());
    assertTrue(bundle.object(redis.key().id()).orElseThrow().yaml().contains("256mb"));
    assertTrue(byDisplay.containsKey("Service/prod/shop-redis"));
  }

  @Test
  void crdsDirFilesAreFlaggedClusterScopedAndNotInTheManifest() {
    ResourceMeta crd = byDisplay.get("CustomResourceDefinition/coupons.shop.converge.dev");
    assertTrue(crd.fromCrdsDir());
    assertNull(crd.key().namespace());
    assertEquals("shop/crds/coupons.yaml", crd.source());
    assertFalse(bundle.manifest().contains("CustomResourceDefinition"));
    assertEquals(
        1, rendered.resources().stream().filter(ResourceMeta::fromCrdsDir).count(), "exactly once");
  }

  @Test
  void hookJobIsBundledAsAHookAndKeptOutOfTheManifest() {
    ResourceMeta job = byDisplay.get("Job/prod/shop-migrate");
    assertEquals("pre-install,pre-upgrade", job.annotation("helm.sh/hook"));
    assertEquals("-5", job.annotation("helm.sh/hook-weight"));
    RenderedObject object = bundle.object(job.key().id()).orElseThrow();
    assertTrue(object.hook());
    assertFalse(bundle.manifest().contains("shop-migrate"));
    assertTrue(object.yaml().contains("registry.local/shop/migrate:1.0"));
  }

  @Test
  void secretStringDataIsMergedIntoBase64Data() {
    RenderedObject secret = bundle.object("/Secret/prod/shop-secret").orElseThrow();
    assertFalse(secret.yaml().contains("stringData"), secret.yaml());
    String encoded =
        Base64.getEncoder().encodeToString("prod-key".getBytes(StandardCharsets.UTF_8));
    assertTrue(secret.yaml().contains("API_KEY: " + encoded), secret.yaml());
    assertTrue(secret.yaml().contains("MODE: c2hvcA=="), "data kept beside stringData");
  }

  @Test
  void namespacedObjectsGetTheReleaseNamespace() {
    RenderedObject config = bundle.object("/ConfigMap/prod/shop-config").orElseThrow();
    assertTrue(config.yaml().contains("namespace: prod"), config.yaml());
  }

  @Test
  void notesAreRenderedAndChartInfoComesFromChartYaml() {
    // As Helm stores notes: the rendered text, trailing newline included.
    assertEquals("Shop shop is served by service shop-web in prod.\n", bundle.notes());
    assertEquals(new ChartInfo("shop", "0.1.0", "1.0"), rendered.chart());
    assertEquals("shop", bundle.chartMetadata().get("name"));
  }

  @Test
  void everyObjectHasADigestAndABundleEntry() {
    List<String> ids = bundle.objects().stream().map(RenderedObject::id).toList();
    for (ResourceMeta meta : rendered.resources()) {
      assertTrue(meta.digest().startsWith("sha256:"));
      assertTrue(ids.contains(meta.key().id()), meta.key().id());
    }
    assertEquals(8, rendered.resources().size(), byDisplay.keySet().toString());
  }
}
