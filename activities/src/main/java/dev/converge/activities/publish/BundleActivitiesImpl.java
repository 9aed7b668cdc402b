package dev.converge.activities.publish;

import dev.converge.activities.oci.OciCharts;
import dev.converge.activities.render.ChartPackager;
import dev.converge.activities.render.ChartPaths;
import dev.converge.activities.render.WorkDirs;
import dev.converge.registry.HelmArtifacts;
import dev.converge.registry.Registries;
import dev.converge.registry.RegistryFailures;
import dev.converge.workflows.bundle.BundleActivities;
import dev.converge.workflows.bundle.BundleCopied;
import dev.converge.workflows.bundle.BundleCopyRequest;
import dev.converge.workflows.bundle.BundlePublishRequest;
import dev.converge.workflows.bundle.BundlePublished;
import dev.converge.workflows.bundle.BundleRequests;
import dev.converge.workflows.model.OciReference;
import io.temporal.activity.Activity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import land.oras.CopyUtils;
import land.oras.LayoutRef;
import land.oras.Manifest;
import land.oras.OCILayout;
import land.oras.Registry;

/** RenderedRelease publish and copy, and chart resolution for converges, all through oras-java. */
public final class BundleActivitiesImpl implements BundleActivities {
  private final Registries registries;
  private final OciCharts charts;
  private final ChartPackager packager;
  private final ChartPaths paths;
  private final Path workDir;

  /**
   * @param chartsBaseDir local charts, values files and {@code archive:} paths are confined here
   */
  public BundleActivitiesImpl(Registries registries, Path chartsBaseDir, Path workDir) {
    this.registries = registries;
    this.charts = new OciCharts(registries);
    this.packager = new ChartPackager(chartsBaseDir, charts, workDir);
    this.paths = new ChartPaths(chartsBaseDir);
    this.workDir = workDir;
  }

  @Override
  public PinnedChart resolveChart(String chart) {
    return charts.resolve(chart);
  }

  @Override
  public BundlePublished publish(BundlePublishRequest request) {
    OciReference target = request.target();
    Optional<String> version = BundleRequests.chartVersion(request.tag());
    ChartPackager.Packaged chart = packager.pack(request.chart(), request, version.orElse(null));
    heartbeat();
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("org.opencontainers.image.title", chart.name());
    annotations.put("org.opencontainers.image.version", chart.version());
    HelmArtifacts.Pushed pushed;
    try {
      Registry registry = registries.registry(target);
      pushed =
          HelmArtifacts.push(
              registry,
              Registries.containerRef(target),
              target.toString(),
              chart.config(),
              chart.archive(),
              annotations);
    } catch (RuntimeException e) {
      throw RegistryFailures.of("publish", target, e);
    }
    String note =
        version.isPresent()
            ? null
            : "tag "
                + request.tag()
                + " is not a semantic version, so the chart keeps version "
                + chart.version()
                + "; helm pull/install and Argo CD find only semantic-version tags (e.g. 1.4.0)";
    return new BundlePublished(
        target.repositoryUrl(),
        request.tag(),
        pushed.digest(),
        chart.archive().length,
        chart.name(),
        chart.version(),
        pushed.existed(),
        note);
  }

  @Override
  public BundleCopied copy(BundleCopyRequest request) {
    Path work = null;
    try {
      work = Files.createTempDirectory(workDir, "bundle-copy");
      if (request.from().startsWith(BundleCopyRequest.ARCHIVE)) {
        return fromArchive(request, work);
      }
      OciReference from = OciReference.parse(request.from());
      Registry source = registries.registry(from);
      Manifest manifest;
      try {
        manifest = OciCharts.manifest(source, from);
      } catch (RuntimeException e) {
        throw RegistryFailures.of("read", from, e);
      }
      String digest = OciCharts.digest(manifest);
      OciReference pinned = new OciReference(from.host(), from.repository(), null, digest);
      if (request.to().startsWith(BundleCopyRequest.ARCHIVE)) {
        return toArchive(request, source, pinned, from, work);
      }
      OciReference to = BundleRequests.copyTarget(request);
      try {
        Registry target = registries.registry(to);
        Optional<Manifest> existing = HelmArtifacts.find(target, Registries.containerRef(to));
        if (existing.isPresent()) {
          return unchanged(request, to.toString(), OciCharts.digest(existing.get()), digest);
        }
        CopyUtils.copy(
            source,
            Registries.containerRef(pinned),
            target,
            Registries.containerRef(to),
            CopyUtils.CopyOptions.shallow());
        return new BundleCopied(request.from(), to.toString(), copied(target, to, digest), false);
      } catch (RuntimeException e) {
        throw RegistryFailures.of("copy to", to, e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("bundle copy failed on local files", e);
    } finally {
      WorkDirs.delete(work);
    }
  }

  private BundleCopied fromArchive(BundleCopyRequest request, Path work) throws IOException {
    Path archive = archivePath("from", request.from(), false);
    Path layoutDir = work.resolve("layout");
    BundleArchive.unpack(archive, layoutDir);
    OCILayout layout = OCILayout.builder().defaults(layoutDir).build();
    var manifests = layout.getIndex(LayoutRef.of(layout)).getManifests();
    if (manifests.size() != 1) {
      throw RegistryFailures.invalid(
          "archive "
              + request.from()
              + " holds "
              + manifests.size()
              + " manifests; a bundle archive holds one");
    }
    String digest = manifests.get(0).getDigest();
    OciReference to = OciReference.parseRepository(request.to(), true);
    try {
      Registry target = registries.registry(to);
      Optional<Manifest> existing = HelmArtifacts.find(target, Registries.containerRef(to));
      if (existing.isPresent()) {
        return unchanged(request, to.toString(), OciCharts.digest(existing.get()), digest);
      }
      HelmArtifacts.chartLayer(layout.getManifest(LayoutRef.of(layout, digest)), request.from());
      CopyUtils.copy(
          layout,
          LayoutRef.of(layout, digest),
          target,
          Registries.containerRef(to),
          CopyUtils.CopyOptions.shallow());
      return new BundleCopied(request.from(), to.toString(), copied(target, to, digest), false);
    } catch (RuntimeException e) {
      throw RegistryFailures.of("copy to", to, e);
    }
  }

  private BundleCopied toArchive(
      BundleCopyRequest request, Registry source, OciReference pinned, OciReference from, Path work)
      throws IOException {
    Path archive = archivePath("to", request.to(), true);
    if (Files.exists(archive)) {
      Path existing = work.resolve("existing");
      BundleArchive.unpack(archive, existing);
      OCILayout layout = OCILayout.builder().defaults(existing).build();
      var manifests = layout.getIndex(LayoutRef.of(layout)).getManifests();
      String held =
          manifests.size() == 1
              ? manifests.get(0).getDigest()
              : "(" + manifests.size() + " manifests)";
      return unchanged(request, request.to(), held, pinned.digest());
    }
    Path layoutDir = work.resolve("layout");
    Files.createDirectories(layoutDir);
    OCILayout layout = OCILayout.builder().defaults(layoutDir).build();
    String tag = from.tag() == null ? pinned.digest() : from.tag();
    try {
      CopyUtils.copy(
          source,
          Registries.containerRef(pinned),
          layout,
          LayoutRef.of(layout, tag),
          CopyUtils.CopyOptions.shallow());
    } catch (RuntimeException e) {
      throw RegistryFailures.of("copy", from, e);
    }
    BundleArchive.pack(layoutDir, archive);
    return new BundleCopied(request.from(), request.to(), pinned.digest(), false);
  }

  private static BundleCopied unchanged(
      BundleCopyRequest request, String label, String held, String digest) {
    if (!held.equals(digest)) {
      throw HelmArtifacts.tagExists(label, held, digest);
    }
    return new BundleCopied(request.from(), label, digest, true);
  }

  /** The digest the target now holds under its tag, which must be the source's. */
  private static String copied(Registry target, OciReference to, String digest) {
    String now =
        HelmArtifacts.find(target, Registries.containerRef(to))
            .map(OciCharts::digest)
            .orElse("nothing");
    if (!now.equals(digest)) {
      throw RegistryFailures.invalid(
          "copy to " + to + " ended with " + now + " under the tag, not " + digest);
    }
    return now;
  }

  private Path archivePath(String field, String end, boolean write) {
    String given = end.substring(BundleCopyRequest.ARCHIVE.length());
    return write ? paths.resolveNew(field, given) : paths.resolve(field, given);
  }

  private static void heartbeat() {
    try {
      Activity.getExecutionContext().heartbeat(null);
    } catch (IllegalStateException notInActivity) {
      // plain tests
    }
  }
}
