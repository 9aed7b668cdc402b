package dev.converge.activities.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.converge.activities.manifest.RenderedRelease;
import dev.converge.activities.manifest.RenderedRelease.RenderedObject;
import dev.converge.workflows.contract.Annotations;
import dev.converge.workflows.contract.RevisionStatus;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.ReleaseTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Builds the pending record of a new revision from a rendered bundle, the way Helm fills it. */
final class PendingRelease {
  // Helm's own descriptions of a revision in progress; completion overwrites them.
  static final String INSTALL_DESCRIPTION = "Initial install underway";
  static final String UPGRADE_DESCRIPTION = "Preparing upgrade";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  // Field order of Helm's chart.Metadata struct, which is the order Go writes it in.
  private static final List<String> METADATA_ORDER =
      List.of(
          "name",
          "home",
          "sources",
          "version",
          "description",
          "keywords",
          "maintainers",
          "icon",
          "apiVersion",
          "condition",
          "tags",
          "appVersion",
          "deprecated",
          "annotations",
          "kubeVersion",
          "dependencies",
          "type");

  private PendingRelease() {}

  static HelmRelease of(
      ReleaseTarget target,
      int revision,
      DeployType deployType,
      RenderedRelease bundle,
      List<HelmRelease> history,
      Instant now) {
    boolean upgrade = deployType == DeployType.UPGRADE;
    HelmRelease.Info info =
        new HelmRelease.Info(
            firstDeployed(deployType, history, now),
            GoTime.format(now),
            "",
            deployType == DeployType.ROLLBACK
                ? "Rollback in progress"
                : upgrade ? UPGRADE_DESCRIPTION : INSTALL_DESCRIPTION,
            deployType == DeployType.ROLLBACK
                ? RevisionStatus.PENDING_ROLLBACK.helmName()
                : upgrade
                    ? RevisionStatus.PENDING_UPGRADE.helmName()
                    : RevisionStatus.PENDING_INSTALL.helmName(),
            bundle.notes(),
            null);
    return new HelmRelease(
        target.release(),
        info,
        chart(bundle),
        sorted(bundle.config()),
        bundle.manifest(),
        hooks(bundle),
        revision,
        target.namespace(),
        null);
  }

  /** The release's first deploy time carries over from its oldest kept revision. */
  private static String firstDeployed(DeployType type, List<HelmRelease> history, Instant now) {
    if (type != DeployType.INITIAL) {
      for (HelmRelease old : history) {
        if (old.info() != null && !old.info().firstDeployed().isEmpty()) {
          return old.info().firstDeployed();
        }
      }
    }
    return GoTime.format(now);
  }

  /**
   * The whole chart as Helm stores it (templates, default values, files), so that {@code helm
   * upgrade --reuse-values} and {@code helm get values --all} keep the chart's defaults. Bundles
   * from before it was kept give only the metadata.
   */
  private static Map<String, Object> chart(RenderedRelease bundle) {
    if (!bundle.helmChart().isEmpty()) {
      return bundle.helmChart();
    }
    Map<String, Object> given = new LinkedHashMap<>(bundle.chartMetadata());
    if (bundle.chart() != null) {
      putIfText(given, "name", bundle.chart().name());
      putIfText(given, "version", bundle.chart().version());
      putIfText(given, "appVersion", bundle.chart().appVersion());
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    for (String key : METADATA_ORDER) {
      if (given.containsKey(key)) {
        metadata.put(key, given.remove(key));
      }
    }
    metadata.putAll(given);
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("metadata", metadata);
    chart.put("lock", null);
    chart.put("templates", List.of());
    chart.put("values", Map.of());
    chart.put("schema", null);
    chart.put("files", List.of());
    return chart;
  }

  /** Go writes maps with sorted keys; so do we, so our JSON reads like Helm's. */
  @SuppressWarnings("unchecked")
  private static <T> T sorted(T value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      new TreeMap<>((Map<String, Object>) map).forEach((k, v) -> copy.put(k, sorted(v)));
      return (T) copy;
    }
    if (value instanceof List<?> list) {
      return (T) list.stream().map(PendingRelease::sorted).toList();
    }
    return value;
  }

  private static void putIfText(Map<String, Object> metadata, String key, String value) {
    if (value != null && !value.isEmpty()) {
      metadata.putIfAbsent(key, value);
    }
  }

  private static List<HelmRelease.Hook> hooks(RenderedRelease bundle) {
    List<HelmRelease.Hook> hooks = new ArrayList<>();
    for (RenderedObject object : bundle.objects()) {
      if (object.hook() && !object.fromCrdsDir()) {
        hooks.add(hook(object));
      }
    }
    return hooks;
  }

  private static HelmRelease.Hook hook(RenderedObject object) {
    JsonNode node = readYaml(object.yaml());
    JsonNode annotations = node.path("metadata").path("annotations");
    List<String> events =
        list(annotations.path(Annotations.HOOK).asText("")).stream()
            .map(e -> e.equals("test-success") ? "test" : e) // Helm's legacy alias
            .toList();
    return new HelmRelease.Hook(
        node.path("metadata").path("name").asText(""),
        node.path("kind").asText(""),
        object.source(),
        object.releaseText(),
        events,
        HelmRelease.HookExecution.NEVER,
        weight(annotations.path(Annotations.HOOK_WEIGHT).asText("")),
        list(annotations.path(Annotations.HOOK_DELETE_POLICY).asText("")),
        null);
  }

  /** Helm reads an unparsable weight as 0; validation reports it before we get here. */
  private static int weight(String text) {
    try {
      return text.isBlank() ? 0 : Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static List<String> list(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(s -> s.strip().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static JsonNode readYaml(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("bundled hook is not YAML: " + e.getMessage(), e);
    }
  }
}
