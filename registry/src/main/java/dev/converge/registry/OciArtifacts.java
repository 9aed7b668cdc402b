package dev.converge.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import land.oras.ContainerRef;
import land.oras.Layer;
import land.oras.Manifest;
import land.oras.Registry;

/**
 * One-layer artifacts under a tag: how converge keeps its own content (rendered bundles, large
 * payloads) in a registry. Written once (a tag that exists is left alone: same name, same content),
 * read back through a temp file (oras-java's in-memory blob read is text-only).
 */
public final class OciArtifacts {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] CONFIG = "{}".getBytes(StandardCharsets.UTF_8);

  private OciArtifacts() {}

  public static void put(
      Registry registry, ContainerRef tagged, byte[] layer, String layerType, String artifactType) {
    if (HelmArtifacts.find(registry, tagged).isPresent()) {
      return;
    }
    registry.pushBlob(tagged.withDigest(Digests.sha256(CONFIG)), CONFIG);
    registry.pushBlob(tagged.withDigest(Digests.sha256(layer)), layer);
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", HelmArtifacts.MANIFEST);
    root.put("artifactType", artifactType);
    root.putObject("config")
        .put("mediaType", "application/vnd.oci.empty.v1+json")
        .put("digest", Digests.sha256(CONFIG))
        .put("size", CONFIG.length);
    root.putArray("layers")
        .addObject()
        .put("mediaType", layerType)
        .put("digest", Digests.sha256(layer))
        .put("size", layer.length);
    registry.pushManifest(tagged, Manifest.fromJson(root.toString()));
  }

  /** The layer's bytes, checked against its digest; empty when the tag does not exist. */
  public static Optional<byte[]> get(Registry registry, ContainerRef tagged, Path workDir) {
    Optional<Manifest> manifest = HelmArtifacts.find(registry, tagged);
    if (manifest.isEmpty() || manifest.get().getLayers().size() != 1) {
      return Optional.empty();
    }
    Layer layer = manifest.get().getLayers().get(0);
    Path file = null;
    try {
      file = Files.createTempFile(workDir, "oci-layer", ".bin");
      BoundedBlobs.fetch(
          registry,
          tagged.withDigest(layer.getDigest()),
          layer,
          file,
          BoundedBlobs.STORE_BLOB_BYTES,
          tagged.toString());
      byte[] bytes = Files.readAllBytes(file);
      if (!Digests.sha256(bytes).equals(layer.getDigest())) {
        throw new IllegalStateException(
            tagged + ": layer does not match its digest " + layer.getDigest());
      }
      return Optional.of(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + tagged, e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // a temp file left behind
        }
      }
    }
  }
}
