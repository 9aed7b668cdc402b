package dev.converge.activities.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.converge.registry.Digests;
import dev.converge.workflows.codec.Sealer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Bundles as gzipped JSON files named by digest, sealed with the codec's key when one is configured
 * (a bundle holds rendered Secrets and merged values). Written to a temp file and moved into place,
 * so a crash never leaves a half-written bundle under a valid name.
 */
public final class FileManifestStore implements ManifestStore {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private final Path dir;
  private final Sealer sealer;

  public FileManifestStore(Path dir) {
    this(dir, Sealer.NONE);
  }

  public FileManifestStore(Path dir, Sealer sealer) {
    this.dir = dir;
    this.sealer = sealer;
  }

  @Override
  public String put(RenderedRelease bundle) {
    try {
      byte[] bytes = JSON.writeValueAsBytes(bundle);
      String digest = Digests.sha256(bytes);
      Path target = pathOf(digest);
      if (Files.exists(target)) {
        return digest;
      }
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, "bundle", ".tmp");
      ByteArrayOutputStream zipped = new ByteArrayOutputStream();
      try (OutputStream out = new GZIPOutputStream(zipped)) {
        out.write(bytes);
      }
      Files.write(temp, sealer.seal(zipped.toByteArray()));
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return digest;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store bundle in " + dir, e);
    }
  }

  @Override
  public RenderedRelease get(String digest) {
    Path path = pathOf(digest);
    if (!Files.exists(path)) {
      throw new BundleMissingException(digest);
    }
    try (InputStream in =
        new GZIPInputStream(new ByteArrayInputStream(sealer.open(Files.readAllBytes(path))))) {
      // Read means in use: pruning goes by this time, so a bundle a converge still reads stays.
      Files.setLastModifiedTime(path, FileTime.from(Instant.now()));
      return JSON.readValue(in, RenderedRelease.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundle " + digest + " from " + dir, e);
    }
  }

  /**
   * Deletes bundles neither written nor read for {@code maxAge}. A converge runs for at most a day,
   * so a bundle untouched for a week is needed by no running converge; with a shared store this
   * directory is only a cache, and anything pruned is fetched again.
   *
   * @return how many were deleted
   */
  public int prune(Duration maxAge) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    Instant cutoff = Instant.now().minus(maxAge);
    int deleted = 0;
    try (var files = Files.list(dir)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().endsWith(".json.gz")).toList()) {
        if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)
            && Files.deleteIfExists(file)) {
          deleted++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prune bundles in " + dir, e);
    }
    return deleted;
  }

  private Path pathOf(String digest) {
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a bundle digest: " + digest);
    }
    return dir.resolve(digest.substring("sha256:".length()) + ".json.gz");
  }
}
