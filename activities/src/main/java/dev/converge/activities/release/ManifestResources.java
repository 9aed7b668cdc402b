package dev.converge.activities.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.converge.activities.kube.ClusterScopedKinds;
import dev.converge.activities.manifest.SecretData;
import dev.converge.registry.Digests;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceMeta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a stored release back into {@link ResourceMeta}: the objects of its manifest and of its
 * hooks, so the next converge knows what the previous revision put in the cluster.
 */
public final class ManifestResources {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern DOC_SEPARATOR = Pattern.compile("(?m)^---[ \\t]*$");
  private static final Pattern SOURCE_LINE = Pattern.compile("(?m)^# Source: (.*)$\\n?");

  private ManifestResources() {}

  /** Objects of the release manifest, then of its hooks, in stored order. */
  public static List<ResourceMeta> of(HelmRelease release) {
    return objects(release).stream().map(Stored::meta).toList();
  }

  /**
   * One stored object: its metadata, its body as YAML with the namespace Helm would give it, and
   * for hooks the text Helm keeps in the release record.
   */
  public record Stored(ResourceMeta meta, String yaml, boolean hook, String helmManifest) {}

  /** Objects of the release manifest, then of its hooks, with their bodies. */
  public static List<Stored> objects(HelmRelease release) {
    List<Stored> resources = new ArrayList<>();
    for (String doc : DOC_SEPARATOR.split(release.manifest())) {
      Matcher source = SOURCE_LINE.matcher(doc);
      String path = source.find() ? source.group(1).strip() : null;
      String body = SOURCE_LINE.matcher(doc).replaceAll("");
      parse(body, path, release.namespace(), false, false).ifPresent(resources::add);
    }
    for (HelmRelease.Hook hook : release.hooks()) {
      parse(hook.manifest(), hook.path(), release.namespace(), true, true)
          .ifPresent(resources::add);
    }
    return resources;
  }

  /**
   * A manifest may leave out metadata.namespace; Helm then puts namespaced objects in the release
   * namespace.
   */
  public static boolean isClusterScoped(String kind) {
    return ClusterScopedKinds.isWellKnown(kind);
  }

  /**
   * @param asRendered hooks are stored as Helm rendered them: give them the namespace and the
   *     Secret data the render gave them, so their digests compare with a new render's
   */
  private static Optional<Stored> parse(
      String text, String source, String releaseNamespace, boolean asRendered, boolean hook) {
    String body = text == null ? "" : text.strip();
    JsonNode object = readYaml(body);
    if (object == null || !object.isObject() || !object.hasNonNull("kind")) {
      return Optional.empty(); // blank or comment-only document
    }
    JsonNode metadata = object.path("metadata");
    String kind = object.path("kind").asText();
    String namespace = metadata.path("namespace").asText(null);
    if (namespace == null && !isClusterScoped(kind)) {
      namespace = releaseNamespace;
      if (asRendered && metadata instanceof ObjectNode meta) {
        meta.put("namespace", namespace);
      }
    }
    String yaml = yaml(object, namespace);
    if (asRendered && "Secret".equals(kind)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> secret = YAML.convertValue(object, Map.class);
      SecretData.moveStringData(secret);
      object = YAML.valueToTree(secret);
    }
    ResourceKey key =
        new ResourceKey(
            object.path("apiVersion").asText(""),
            kind,
            namespace,
            metadata.path("name").asText(""));
    JsonNode replicas = object.path("spec").path("replicas");
    ResourceMeta meta =
        new ResourceMeta(
            key,
            source,
            annotations(metadata),
            false,
            Digests.ofObject(object),
            replicas.isIntegralNumber() ? replicas.intValue() : null);
    return Optional.of(new Stored(meta, yaml, hook, hook ? text : null));
  }

  /** The body to apply: with the namespace Helm gives an object that names none. */
  private static String yaml(JsonNode object, String namespace) {
    JsonNode copy = object.deepCopy();
    if (namespace != null
        && copy.path("metadata") instanceof ObjectNode meta
        && !meta.hasNonNull("namespace")) {
      meta.put("namespace", namespace);
    }
    try {
      return YAML.writeValueAsString(copy);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> annotations(JsonNode metadata) {
    Map<String, String> annotations = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : metadata.path("annotations").properties()) {
      annotations.put(e.getKey(), e.getValue().asText());
    }
    return annotations;
  }

  private static JsonNode readYaml(String body) {
    if (body.isEmpty()) {
      return null;
    }
    try {
      return YAML.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("stored release manifest is not YAML: " + e.getMessage(), e);
    }
  }
}
