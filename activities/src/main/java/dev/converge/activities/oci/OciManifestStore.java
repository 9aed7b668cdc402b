package dev.converge.activities.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.converge.activities.manifest.ManifestStore;
import dev.converge.activities.manifest.RenderedRelease;
import dev.converge.registry.Digests;
import dev.converge.registry.OciArtifacts;
import dev.converge.registry.Registries;
import dev.converge.registry.RegistryFailures;
import dev.converge.workflows.codec.Sealer;
import dev.converge.workflows.model.OciReference;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Rendered bundles in an OCI repository every worker reaches, through oras-java: one manifest per
 * bundle, tagged with the bundle digest's hex, one gzipped JSON layer, sealed with the codec's key
 * when one is configured: the registry holds no rendered Secret or value in plaintext. A step can
 * run on any worker of any host; nothing here is ever deleted by converge (the registry's own
 * retention rules apply), so no running or auditable converge loses its bundle.
 */
public final class OciManifestStore implements ManifestStore {
  static final String ARTIFACT = "application/vnd.converge.bundle.v1";
  static final String LAYER = "application/vnd.converge.bundle.v1+json+gzip";
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private final Registries registries;
  private final OciReference repository;
  private final Path workDir;
  private final Sealer sealer;

  /**
   * @param repository {@code oci://host/repository}
   */
  public OciManifestStore(Registries registries, String repository, Path workDir) {
    this(registries, repository, workDir, Sealer.NONE);
  }

  public OciManifestStore(Registries registries, String repository, Path workDir, Sealer sealer) {
    this.registries = registries;
    this.repository = OciReference.parseRepository(repository, false);
    this.workDir = workDir;
    this.sealer = sealer;
  }

  @Override
  public String put(RenderedRelease bundle) {
    try {
      byte[] json = JSON.writeValueAsBytes(bundle);
      String digest = Digests.sha256(json);
      OciReference tag = repository.withTag(hex(digest));
      OciArtifacts.put(
          registries.registry(tag),
          Registries.containerRef(tag),
          sealer.seal(gzip(json)),
          LAYER,
          ARTIFACT);
      return digest;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize a bundle", e);
    } catch (RuntimeException e) {
      throw RegistryFailures.of("store a bundle in", repository.withTag("bundles"), e);
    }
  }

  @Override
  public RenderedRelease get(String digest) {
    OciReference tag = repository.withTag(hex(digest));
    Optional<byte[]> layer;
    try {
      layer = OciArtifacts.get(registries.registry(tag), Registries.containerRef(tag), workDir);
    } catch (RuntimeException e) {
      throw RegistryFailures.of("read a bundle from", tag, e);
    }
    if (layer.isEmpty()) {
      throw new BundleMissingException(digest);
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(sealer.open(layer.get())))) {
      byte[] json = in.readAllBytes();
      if (!Digests.sha256(json).equals(digest)) {
        throw new IllegalStateException(
            "bundle " + digest + " in " + repository + " does not match its digest");
      }
      return JSON.readValue(json, RenderedRelease.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundle " + digest + " from " + repository, e);
    }
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    }
    return out.toByteArray();
  }

  private static String hex(String digest) {
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a bundle digest: " + digest);
    }
    return digest.substring("sha256:".length());
  }
}
