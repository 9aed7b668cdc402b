package dev.converge.activities.oci;

import dev.converge.registry.BoundedBlobs;
import dev.converge.registry.Digests;
import dev.converge.registry.HelmArtifacts;
import dev.converge.registry.Registries;
import dev.converge.registry.RegistryFailures;
import dev.converge.workflows.bundle.BundleActivities.PinnedChart;
import dev.converge.workflows.model.OciReference;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import land.oras.Layer;
import land.oras.Manifest;
import land.oras.Registry;

/**
 * Charts from OCI registries: a tag resolved to its digest, then the chart pulled by digest and
 * checked.
 */
public final class OciCharts {
  private final Registries registries;

  public OciCharts(Registries registries) {
    this.registries = registries;
  }

  public PinnedChart resolve(String chart) {
    OciReference ref = reference(chart);
    try {
      Manifest manifest = manifest(registries.registry(ref), ref);
      HelmArtifacts.chartLayer(manifest, chart);
      String digest = digest(manifest);
      return new PinnedChart(ref.withDigest(digest).toString(), digest);
    } catch (RuntimeException e) {
      throw RegistryFailures.of("read", ref, e);
    }
  }

  /**
   * Writes the chart archive to {@code archive}; a reference without digest is resolved first.
   * (oras-java's {@code getBlob} reads blobs as text, which breaks binary ones: the download is
   * used.)
   */
  public void pull(String chart, Path archive) {
    OciReference ref = reference(chart);
    if (ref.digest() == null) {
      ref = reference(resolve(chart).chart());
    }
    try {
      Registry registry = registries.registry(ref);
      OciReference byDigest = new OciReference(ref.host(), ref.repository(), null, ref.digest());
      Manifest manifest = manifest(registry, byDigest);
      if (!digest(manifest).equals(ref.digest())) {
        throw RegistryFailures.invalid(
            chart + ": the registry returned a manifest with digest " + digest(manifest));
      }
      Layer layer = HelmArtifacts.chartLayer(manifest, chart);
      BoundedBlobs.fetch(
          registry,
          Registries.containerRef(byDigest.withDigest(layer.getDigest())),
          layer,
          archive,
          BoundedBlobs.CHART_ARCHIVE_BYTES,
          "chart archive " + chart);
      if (!Digests.sha256(Files.readAllBytes(archive)).equals(layer.getDigest())) {
        throw RegistryFailures.invalid(
            chart + ": the chart layer does not match its digest " + layer.getDigest());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the pulled chart " + chart, e);
    } catch (RuntimeException e) {
      throw RegistryFailures.of("pull", ref, e);
    }
  }

  public static Manifest manifest(Registry registry, OciReference ref) {
    return HelmArtifacts.find(registry, Registries.containerRef(ref))
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    ref + " not found in registry " + ref.host(), RegistryFailures.NOT_FOUND));
  }

  public static String digest(Manifest manifest) {
    return manifest.getJson() != null
        ? Digests.sha256(manifest.getJson().getBytes(StandardCharsets.UTF_8))
        : manifest.getDescriptor().getDigest();
  }

  private static OciReference reference(String chart) {
    try {
      return OciReference.parse(chart);
    } catch (IllegalArgumentException e) {
      throw RegistryFailures.invalid("chart " + e.getMessage());
    }
  }
}
