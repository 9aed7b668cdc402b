package dev.converge.activities.release;

import dev.converge.activities.manifest.RenderedRelease;
import dev.converge.activities.manifest.RenderedRelease.RenderedObject;
import dev.converge.workflows.activities.RenderedChart.ChartInfo;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Shared test data: a Helm-written record, Helm's encoding done independently, bundles. */
final class ReleaseFixtures {
  static final String WEB =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        annotations:
          werf.io/weight: "2"
      spec:
        replicas: 3
        template:
          spec:
            containers:
            - name: web
              image: shop:TAG
      """;
  static final String MIGRATE =
      """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: migrate
        annotations:
          helm.sh/hook: "pre-install, pre-upgrade"
          helm.sh/hook-weight: "-5"
          helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
      """;

  private ReleaseFixtures() {}

  /** The JSON of a release exactly as Helm 3 writes it (see helm-v3-shop.v1.json). */
  static byte[] helmJson() {
    try (InputStream in =
        ReleaseFixtures.class.getResourceAsStream("/release/helm-v3-shop.v1.json")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What Helm's encodeRelease does: gzip at best compression, then standard base64. */
  static String helmEncode(byte[] json) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip =
        new GZIPOutputStream(buffer) {
          {
            def.setLevel(Deflater.BEST_COMPRESSION);
          }
        }) {
      gzip.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(buffer.toByteArray());
  }

  /** The Secret Helm's driver creates for the fixture: revision 1 of {@code shop} in {@code ns}. */
  static Secret helmSecret(String namespace) {
    String helmData = helmEncode(helmJson());
    return new SecretBuilder()
        .withNewMetadata()
        .withName("sh.helm.release.v1.shop.v1")
        .withNamespace(namespace)
        .withLabels(
            Map.of(
                "name",
                "shop",
                "owner",
                "helm",
                "status",
                "deployed",
                "version",
                "1",
                "createdAt",
                "1740819600"))
        .endMetadata()
        .withType("helm.sh/release.v1")
        // The API's own base64 over Helm's base64 text.
        .addToData(
            "release",
            Base64.getEncoder().encodeToString(helmData.getBytes(StandardCharsets.US_ASCII)))
        .build();
  }

  /** A rendered bundle of chart {@code shop}: one Deployment and one hook Job. */
  static RenderedRelease bundle(String tag) {
    String web = WEB.replace("TAG", tag);
    String manifest = "---\n# Source: shop/templates/web.yaml\n" + web;
    return new RenderedRelease(
        new ChartInfo("shop", "1.2.3", "2.0.0"),
        Map.of("apiVersion", "v2", "name", "shop", "description", "A shop", "type", "application"),
        Map.of("replicas", 3, "image", Map.of("tag", tag)),
        manifest,
        "Thanks for installing shop",
        List.of(
            new RenderedObject(
                "apps/Deployment/shop/web", "shop/templates/web.yaml", web, false, false),
            new RenderedObject(
                "batch/Job/shop/migrate", "shop/templates/migrate.yaml", MIGRATE, true, false)));
  }

  static HelmRelease release(String namespace, String name, int version, String status) {
    HelmRelease.Info info =
        new HelmRelease.Info(
            "2025-03-01T09:00:00Z",
            "2025-03-01T09:00:00Z",
            "",
            "Upgrade complete",
            status,
            null,
            null);
    return new HelmRelease(
        name,
        info,
        Map.of("metadata", Map.of("name", "shop", "version", "1.2.3")),
        Map.of("replicas", version),
        "---\n# Source: shop/templates/web.yaml\n" + WEB,
        List.of(),
        version,
        namespace,
        null);
  }
}
