package dev.converge.activities.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.converge.activities.kube.KubeClients;
import dev.converge.activities.kube.KubeClients.RenderTarget;
import dev.converge.activities.manifest.ManifestStore;
import dev.converge.activities.manifest.RenderedRelease;
import dev.converge.activities.oci.OciCharts;
import dev.converge.activities.render.ManifestSplitter.Doc;
import dev.converge.activities.render.ObjectBuilder.Built;
import dev.converge.registry.Digests;
import dev.converge.workflows.activities.RenderActivities;
import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.activities.RenderedChart.ChartInfo;
import dev.converge.workflows.model.ConvergeRequest;
import dev.converge.workflows.model.OciReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders a chart with the real Helm engine and stores the result in the bundle store: values
 * merged ({@link ValuesMerger}) -> Helm's install/upgrade render against the target cluster ({@link
 * HelmRender}) -> manifests, hooks and crds/ as Helm split them -> objects -> bundle.
 *
 * <p>Thread-safe: each call works in its own temporary directory and shares no mutable state.
 */
public final class RenderActivitiesImpl implements RenderActivities {
  private final ManifestStore store;
  private final ValuesMerger values;
  private final ChartSources sources;
  private final Path workDir;
  private final KubeClients clusters;
  private final HelmRender helm = new HelmRender();

  /** Offline: renders with Helm's default capabilities and no cluster (tests). */
  public RenderActivitiesImpl(ManifestStore store, Path chartsBaseDir) {
    this(store, chartsBaseDir, Path.of(System.getProperty("java.io.tmpdir")), null, null);
  }

  /**
   * @param chartsBaseDir where relative chart, values-file and set-file paths are resolved
   * @param workDir where each render makes (and removes) its temporary files
   * @param oci pulls {@code oci://} charts; null: none
   * @param clusters the kube contexts to render against; null: offline
   */
  public RenderActivitiesImpl(
      ManifestStore store, Path chartsBaseDir, Path workDir, OciCharts oci, KubeClients clusters) {
    this.store = store;
    Path base = chartsBaseDir.toAbsolutePath();
    this.values = new ValuesMerger(base);
    this.sources = new ChartSources(new ChartPaths(base), oci);
    this.workDir = workDir;
    this.clusters = clusters;
  }

  @Override
  public RenderedChart render(ConvergeRequest request) {
    return renderRelease(new RenderRequest(request, 1, false));
  }

  @Override
  public RenderedChart renderRelease(RenderRequest render) {
    ConvergeRequest request = render.request();
    Map<String, Object> config = values.merge(request);
    // Rendered as the run's identity: lookup reads only what that identity may read.
    Optional<RenderTarget> target =
        clusters == null ? Optional.empty() : clusters.renderTarget(request.target());
    Path work = null;
    try {
      work = Files.createTempDirectory(workDir, "render");
      Path valuesFile = work.resolve("values.json");
      Files.writeString(valuesFile, Yamls.canonicalJson(config));
      HelmRender.Output out =
          helm.render(
              new HelmRender.Input(
                  request.chart(),
                  sources.local(request.chart(), work),
                  request.release(),
                  request.namespace(),
                  valuesFile,
                  render.revision(),
                  render.upgrade(),
                  target,
                  null,
                  ValuesMerger.servicePaths(request)),
              work);
      // What Helm rendered with is what the release keeps (helm get values).
      ValuesMerger.remove(config, out.droppedServiceValues());
      return store(request, config, out);
    } catch (IOException e) {
      throw new UncheckedIOException("render of " + request.chart() + " failed on local files", e);
    } finally {
      WorkDirs.delete(work);
    }
  }

  private RenderedChart store(
      ConvergeRequest request, Map<String, Object> config, HelmRender.Output out) {
    List<Doc> crds = out.crds().stream().map(d -> new Doc(d.source(), d.content())).toList();
    ObjectBuilder objects = new ObjectBuilder(request.namespace(), clusterScopedKinds(crds));
    for (Doc crd : crds) {
      List<Object> bodies = parse(crd, crd.source());
      for (int i = 0; i < bodies.size(); i++) {
        objects.add(
            crd.source(), crd.source() + " document " + (i + 1), bodies.get(i), false, true);
      }
    }
    Map<String, Integer> perSource = new HashMap<>();
    for (HelmRender.Doc doc : out.manifests()) {
      add(objects, perSource, new Doc(doc.source(), doc.content()), false);
    }
    for (HelmRender.Hook hook : out.hooks()) {
      add(objects, perSource, new Doc(hook.source(), hook.content()), true);
    }
    Map<String, Object> helmChart =
        withSource(out.chart() == null ? Map.of() : out.chart(), request.chart());
    Map<String, Object> chartYaml =
        helmChart.get("metadata") instanceof Map<?, ?> metadata ? Yamls.asMap(metadata) : Map.of();
    List<Built> built = objects.objects();
    ChartInfo info = chartInfo(chartYaml);
    RenderedRelease bundle =
        new RenderedRelease(
            info,
            chartYaml,
            config,
            out.manifest(),
            out.notes(),
            built.stream().map(Built::object).toList(),
            helmChart);
    return new RenderedChart(
        store.put(bundle),
        Digests.sha256(out.manifest()),
        Digests.sha256(Yamls.canonicalJson(config)),
        info,
        built.stream().map(Built::meta).toList());
  }

  /**
   * Where an {@code oci://} chart came from, as annotations of the chart metadata the release
   * record keeps ({@code helm get metadata} shows them): the reference and the digest it was pinned
   * to.
   */
  private static Map<String, Object> withSource(Map<String, Object> helmChart, String chart) {
    if (!chart.startsWith(OciReference.SCHEME)
        || !(helmChart.get("metadata") instanceof Map<?, ?> metadata)) {
      return helmChart;
    }
    OciReference ref = OciReference.parse(chart);
    Map<String, Object> meta = new LinkedHashMap<>(Yamls.asMap(metadata));
    Map<String, Object> annotations =
        meta.get("annotations") instanceof Map<?, ?> a
            ? new LinkedHashMap<>(Yamls.asMap(a))
            : new LinkedHashMap<>();
    annotations.put("converge.dev/oci-reference", chart);
    if (ref.digest() != null) {
      annotations.put("converge.dev/oci-digest", ref.digest());
    }
    meta.put("annotations", annotations);
    Map<String, Object> copy = new LinkedHashMap<>(helmChart);
    copy.put("metadata", meta);
    return copy;
  }

  private static void add(
      ObjectBuilder objects, Map<String, Integer> perSource, Doc doc, boolean hook) {
    String where = doc.source() + " document " + perSource.merge(doc.source(), 1, Integer::sum);
    List<Object> bodies = parse(doc, where);
    objects.add(
        doc.source(), where, bodies.isEmpty() ? null : bodies.get(0), hook, false, doc.content());
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
