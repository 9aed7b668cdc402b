package dev.converge.activities.render;

import static dev.converge.activities.render.RenderFixtures.SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.sun.net.httpserver.HttpServer;
import dev.converge.activities.bundle.Digests;
import dev.converge.activities.bundle.InMemoryBundleStore;
import dev.converge.activities.render.RenderFixtures.Request;
import dev.converge.workflows.activities.RenderedChart;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** oci:// charts, pulled from a minimal in-process registry that serves one Helm chart. */
class RenderOciChartTest {
  @TempDir Path dir;
  private HttpServer registry;
  private String manifestDigest;

  @BeforeEach
  void serveShop() throws IOException {
    new Helm(SHOP).packageIt().withDestination(dir).call();
    byte[] chart = Files.readAllBytes(dir.resolve("shop-0.1.0.tgz"));
    String layer = Digests.sha256(chart);
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.cncf.helm.config.v1+json\","
                + "\"digest\":\"sha256:00\",\"size\":2},\"layers\":[{\"mediaType\":\""
                + OciChartPuller.CHART_LAYER
                + "\",\"digest\":\""
                + layer
                + "\",\"size\":"
                + chart.length
                + "}]}")
            .getBytes(StandardCharsets.UTF_8);
    manifestDigest = Digests.sha256(manifest);
    Map<String, byte[]> paths =
        Map.of(
            "/v2/charts/shop/manifests/0.1.0",
            manifest,
            "/v2/charts/shop/manifests/" + manifestDigest,
            manifest,
            "/v2/charts/shop/blobs/" + layer,
            chart);
    registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    registry.createContext(
        "/",
        exchange -> {
          byte[] body = paths.get(exchange.getRequestURI().getPath());
          exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
          if (body != null) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    registry.start();
  }

  @AfterEach
  void stop() {
    registry.stop(0);
  }

  private RenderedChart render(String chart) {
    return new RenderActivitiesImpl(new InMemoryBundleStore(), SHOP.getParent(), dir, false, null)
        .render(Request.of(chart).build());
  }

  private String oci(String reference) {
    return "oci://127.0.0.1:" + registry.getAddress().getPort() + "/charts/shop" + reference;
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
