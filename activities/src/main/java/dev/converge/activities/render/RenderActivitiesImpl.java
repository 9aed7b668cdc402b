package dev.converge.activities.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.converge.activities.bundle.Bundle;
import dev.converge.activities.bundle.BundleStore;
import dev.converge.activities.bundle.Digests;
import dev.converge.activities.render.ManifestSplitter.Doc;
import dev.converge.activities.render.ObjectBuilder.Built;
import dev.converge.workflows.activities.RenderActivities;
import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.activities.RenderedChart.ChartInfo;
import dev.converge.workflows.model.ConvergeRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a chart with the real Helm engine and stores the result in the bundle store: values
 * merged ({@link ValuesMerger}) -> private chart copy ({@link ChartWorkspace}) -> helm template ->
 * documents split, hooks told apart, crds/ files added -> objects -> bundle.
 *
 * <p>Thread-safe: each call works in its own temporary directory and shares no mutable state.
 */
public final class RenderActivitiesImpl implements RenderActivities {
  private final BundleStore store;
  private final ValuesMerger values;
  private final Path chartsBaseDir;
  private final Path workDir;
  private final OciChartPuller oci;
  private final HelmEngine helm = new HelmEngine();

  /**
   * @param chartsBaseDir where relative chart, values-file and set-file paths are resolved
   */
  public RenderActivitiesImpl(BundleStore store, Path chartsBaseDir) {
    this(store, chartsBaseDir, Path.of(System.getProperty("java.io.tmpdir")), false);
  }

  /**
   * @param workDir where each render makes (and removes) its temporary chart copy
   * @param plainHttpRegistries pull {@code oci://} charts over http (local registries)
   */
  public RenderActivitiesImpl(
      BundleStore store, Path chartsBaseDir, Path workDir, boolean plainHttpRegistries) {
    this.store = store;
    this.chartsBaseDir = chartsBaseDir.toAbsolutePath();
    this.values = new ValuesMerger(this.chartsBaseDir);
    this.workDir = workDir;
    this.oci = new OciChartPuller(plainHttpRegistries);
  }

  @Override
  public RenderedChart render(ConvergeRequest request) {
    Map<String, Object> config = values.merge(request);
    try (ChartWorkspace chart = open(request.chart())) {
      Path valuesFile = chart.root().resolve("values.json");
      // JSON is YAML too, and leaves Helm's YAML reader no typing to guess.
      Files.writeString(valuesFile, HookMask.mask(Yamls.canonicalJson(config)));
      String rendered =
          helm.template(chart.chartDir(), request.release(), request.namespace(), valuesFile);
      String notes =
          helm.notes(chart.chartDir(), request.release(), request.namespace(), valuesFile);
      List<Doc> crds = CrdFiles.collect(chart.chartDir(), config);
      Map<String, Object> chartYaml = CrdFiles.chartYaml(chart.chartDir());
      return store(
          request,
          config,
          chartYaml,
          notes,
          ManifestSplitter.split(HookMask.unmask(rendered)),
          crds);
    } catch (IOException e) {
      throw new UncheckedIOException("render of " + request.chart() + " failed on local files", e);
    }
  }

  private RenderedChart store(
      ConvergeRequest request,
      Map<String, Object> config,
      Map<String, Object> chartYaml,
      String notes,
      List<Doc> templates,
      List<Doc> crds) {
    ObjectBuilder objects = new ObjectBuilder(request.namespace(), clusterScopedKinds(crds));
    for (Doc crd : crds) {
      List<Object> bodies = parse(crd, crd.source());
      for (int i = 0; i < bodies.size(); i++) {
        objects.add(
            crd.source(), crd.source() + " document " + (i + 1), bodies.get(i), false, true);
      }
    }
    List<Doc> release = new ArrayList<>();
    Map<String, Integer> perSource = new HashMap<>();
    for (Doc doc : templates) {
      if (!ManifestSplitter.isResourceSource(doc.source())) {
        continue;
      }
      String where = doc.source() + " document " + perSource.merge(doc.source(), 1, Integer::sum);
      List<Object> bodies = parse(doc, where);
      Object body = bodies.isEmpty() ? null : bodies.get(0);
      boolean hook = isHook(body);
      if (!hook) {
        release.add(doc); // Helm keeps even empty documents in the stored manifest
      }
      objects.add(doc.source(), where, body, hook, false);
    }
    String manifest = ManifestSplitter.join(release);
    List<Built> built = objects.objects();
    ChartInfo info = chartInfo(chartYaml);
    Bundle bundle =
        new Bundle(
            info, chartYaml, config, manifest, notes, built.stream().map(Built::object).toList());
    return new RenderedChart(
        store.put(bundle),
        Digests.sha256(manifest),
        Digests.sha256(Yamls.canonicalJson(config)),
        info,
        built.stream().map(Built::meta).toList());
  }

  private ChartWorkspace open(String chart) throws IOException {
    if (chart.startsWith("oci://")) {
      return ChartWorkspace.ofArchive(new ByteArrayInputStream(oci.pull(chart)), chart, workDir);
    }
    Path path = chartsBaseDir.resolve(chart);
    if (Files.isDirectory(path)) {
      if (!Files.isRegularFile(path.resolve("Chart.yaml"))) {
        throw RenderFailures.failed("chart directory " + path + " has no Chart.yaml");
      }
      return ChartWorkspace.ofDirectory(path, workDir);
    }
    if (!Files.isRegularFile(path)) {
      throw RenderFailures.failed("chart not found: " + path);
    }
    try (InputStream in = Files.newInputStream(path)) {
      return ChartWorkspace.ofArchive(in, path.toString(), workDir);
    }
  }

  private static List<Object> parse(Doc doc, String where) {
    try (MappingIterator<Object> docs =
        Yamls.YAML.readerFor(Object.class).readValues(doc.content())) {
      List<Object> out = new ArrayList<>();
      while (docs.hasNextValue()) {
        out.add(docs.nextValue());
      }
      return out;
    } catch (JsonProcessingException e) {
      throw RenderFailures.failed(
          where
              + ": invalid YAML at line "
              + e.getLocation().getLineNr()
              + " of the document: "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isHook(Object body) {
    return body instanceof Map<?, ?> object
        && object.get("metadata") instanceof Map<?, ?> metadata
        && metadata.get("annotations") instanceof Map<?, ?> annotations
        && annotations.containsKey(HookMask.HOOK);
  }

  /** Kinds defined by the chart's own cluster-scoped CRDs, so their objects get no namespace. */
  private static Set<String> clusterScopedKinds(List<Doc> crds) {
    Set<String> kinds = new HashSet<>();
    for (Doc crd : crds) {
      for (Object body : parse(crd, crd.source())) {
        if (body instanceof Map<?, ?> object
            && object.get("spec") instanceof Map<?, ?> spec
            && "Cluster".equals(spec.get("scope"))
            && spec.get("names") instanceof Map<?, ?> names) {
          kinds.add(spec.get("group") + "/" + names.get("kind"));
        }
      }
    }
    return kinds;
  }

  private static ChartInfo chartInfo(Map<String, Object> chartYaml) {
    return new ChartInfo(
        text(chartYaml.get("name")),
        text(chartYaml.get("version")),
        text(chartYaml.get("appVersion")));
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }
}
