package dev.converge.activities.render;

import static dev.converge.activities.render.RenderFixtures.SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import dev.converge.activities.oci.FakeRegistry;
import dev.converge.activities.oci.OciCharts;
import dev.converge.activities.oci.Registries;
import dev.converge.activities.bundle.InMemoryBundleStore;
import dev.converge.activities.render.RenderFixtures.Request;
import dev.converge.workflows.activities.RenderedChart;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** oci:// charts, pulled through oras-java from an in-process registry that serves one Helm chart. */
class RenderOciChartTest {
  @TempDir Path dir;
  private FakeRegistry registry;
  private Registries registries;
  private String manifestDigest;

  @BeforeEach
  void serveShop() throws IOException {
    new Helm(SHOP).packageIt().withDestination(dir).call();
    registry = new FakeRegistry(null);
    registries = registry.registries();
    manifestDigest = registry.putChart("charts/shop", "0.1.0", Files.readAllBytes(dir.resolve("shop-0.1.0.tgz")));
  }

  @AfterEach
  void stop() {
    registry.close();
    registries.close();
  }

  private RenderedChart render(String chart) {
    return new RenderActivitiesImpl(new InMemoryBundleStore(), SHOP.getParent(), dir, new OciCharts(registries), null)
        .render(Request.of(chart).build());
  }

  private String oci(String reference) {
    return "oci://" + registry.host() + "/charts/shop" + reference;
  }

  @Test
  void chartPulledByTagOrDigestRendersLikeItsDirectory() {
    RenderedChart fromDir = render("shop");
    assertEquals(fromDir.resources(), render(oci(":0.1.0")).resources());
    assertEquals(fromDir.resources(), render(oci("@" + manifestDigest)).resources());
  }

  @Test
  void unknownTagFailsForGoodNamingTheReference() {
    ApplicationFailure e = assertThrows(ApplicationFailure.class, () -> render(oci(":9.9.9")));
    assertTrue(e.isNonRetryable());
    assertTrue(e.getOriginalMessage().contains(oci(":9.9.9")), e.getOriginalMessage());
  }
}
