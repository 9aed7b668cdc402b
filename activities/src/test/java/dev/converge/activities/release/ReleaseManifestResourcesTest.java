package dev.converge.activities.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.converge.registry.Digests;
import dev.converge.workflows.model.ResourceMeta;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseManifestResourcesTest {
  private static final String MANIFEST =
      """
      ---
      # Source: shop/templates/ns.yaml
      apiVersion: v1
      kind: Namespace
      metadata:
        name: shop-extra
      ---
      # Source: shop/templates/empty.yaml
      # only a comment
      ---
      # Source: shop/templates/cm.yaml
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
        namespace: other
      data:
        a: "1"
      ---
      # Source: shop/templates/svc.yaml
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      """;

  @Test
  void readsEachDocumentWithSourceAndNamespace() {
    List<ResourceMeta> resources = ManifestResources.of(release(MANIFEST));

    assertEquals(
        List.of("/Namespace//shop-extra", "/ConfigMap/other/settings", "/Service/shop/web"),
        resources.stream().map(r -> r.key().id()).toList());
    assertNull(resources.get(0).key().namespace());
    assertEquals("shop/templates/cm.yaml", resources.get(1).source());
    assertNull(resources.get(2).replicas());
  }

  @Test
  void digestIsOfTheObjectNotOfItsLayout() {
    ResourceMeta service = ManifestResources.of(release(MANIFEST)).get(2);
    ResourceMeta reordered =
        ManifestResources.of(
                release(
                    "---\n# Source: x/templates/svc.yaml\nmetadata:\n  name: web\nkind: Service\napiVersion: v1\n"))
            .get(0);

    assertEquals(
        Digests.ofObject(
            Map.of("apiVersion", "v1", "kind", "Service", "metadata", Map.of("name", "web"))),
        service.digest());
    assertEquals(service.digest(), reordered.digest());
  }

  @Test
  void emptyManifestHasNoResources() {
    assertEquals(List.of(), ManifestResources.of(release("")));
  }

  private static HelmRelease release(String manifest) {
    return new HelmRelease("shop", null, null, Map.of(), manifest, List.of(), 1, "shop", null);
  }
}
