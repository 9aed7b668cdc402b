package dev.converge.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import land.oras.Layer;
import land.oras.Manifest;
import land.oras.OCI;
import land.oras.Ref;
import land.oras.exception.OrasException;

/**
 * Helm charts as OCI artifacts, laid out as {@code helm push} lays them out (config and chart layer
 * media types), on any oras-java target: a registry, or an OCI layout directory.
 */
public final class HelmArtifacts {
  public static final String CONFIG = "application/vnd.cncf.helm.config.v1+json";
  public static final String CHART = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
  public static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private HelmArtifacts() {}

  /**
   * @param digest the manifest digest
   * @param existed the tag held exactly this content before: nothing was written
   */
  public record Pushed(String digest, boolean existed) {}

  /**
   * The manifest of a chart. Unlike {@code helm push} (and oras-java's defaults) it carries no
   * creation time, so the same chart always gets the same digest: a retried publish is a no-op.
   */
  public static String manifest(byte[] config, byte[] chart, Map<String, String> annotations) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", MANIFEST);
    root.set("config", descriptor(CONFIG, config));
    root.putArray("layers").add(descriptor(CHART, chart));
    if (!annotations.isEmpty()) {
      ObjectNode notes = root.putObject("annotations");
      new TreeMap<>(annotations).forEach(notes::put);
    }
    return root.toString();
  }

  /**
   * Pushes a chart under {@code tagRef}'s tag unless the tag exists: the same content is a no-op,
   * other content a {@link RegistryFailures#TAG_EXISTS} failure naming both digests.
   */
  public static <R extends Ref<R>> Pushed push(
      OCI<R> oci,
      R tagRef,
      String label,
      byte[] config,
      byte[] chart,
      Map<String, String> annotations) {
    String manifest = manifest(config, chart, annotations);
    String digest = Digests.sha256(manifest.getBytes(StandardCharsets.UTF_8));
    Optional<Manifest> existing = find(oci, tagRef);
    if (existing.isPresent()) {
      if (sameContent(existing.get(), Digests.sha256(config), Digests.sha256(chart))) {
        return new Pushed(existing.get().getDescriptor().getDigest(), true);
      }
      throw tagExists(label, existing.get().getDescriptor().getDigest(), digest);
    }
    oci.pushBlob(tagRef.withDigest(Digests.sha256(config)), config);
    oci.pushBlob(tagRef.withDigest(Digests.sha256(chart)), chart);
    oci.pushManifest(tagRef, Manifest.fromJson(manifest));
    return new Pushed(digest, false);
  }

  public static RuntimeException tagExists(String label, String existing, String attempted) {
    return ApplicationFailure.newNonRetryableFailure(
        "tag "
            + label
            + " exists with other content ("
            + existing
            + "); this would be "
            + attempted
            + ": a published tag is never overwritten, publish under a new tag",
        RegistryFailures.TAG_EXISTS);
  }

  /** The manifest under a tag or digest, empty when there is none. */
  public static <R extends Ref<R>> Optional<Manifest> find(OCI<R> oci, R ref) {
    try {
      return Optional.of(oci.getManifest(ref));
    } catch (OrasException e) {
      Integer status = e.getStatusCode();
      if ((status != null && status == 404)
          || (status == null && String.valueOf(e.getMessage()).contains("not found"))) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The chart layer of a Helm chart manifest. */
  public static Layer chartLayer(Manifest manifest, String label) {
    String configType = manifest.getConfig() == null ? null : manifest.getConfig().getMediaType();
    List<Layer> charts =
        manifest.getLayers().stream().filter(l -> CHART.equals(l.getMediaType())).toList();
    if (!CONFIG.equals(configType) || charts.size() != 1) {
      throw RegistryFailures.invalid(
          label
              + " is not a Helm chart (config media type "
              + configType
              + ", "
              + charts.size()
              + " chart layers; expected "
              + CONFIG
              + " and one "
              + CHART
              + ")");
    }
    return charts.get(0);
  }

  private static boolean sameContent(Manifest existing, String configDigest, String chartDigest) {
    List<Layer> layers = existing.getLayers();
    return existing.getConfig() != null
        && configDigest.equals(existing.getConfig().getDigest())
        && layers.size() == 1
        && chartDigest.equals(layers.get(0).getDigest())
        && CHART.equals(layers.get(0).getMediaType());
  }

  private static ObjectNode descriptor(String mediaType, byte[] blob) {
    ObjectNode node = JSON.createObjectNode();
    node.put("mediaType", mediaType);
    node.put("digest", Digests.sha256(blob));
    node.put("size", blob.length);
    return node;
  }
}
