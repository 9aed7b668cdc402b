package dev.converge.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import land.oras.ContainerRef;
import land.oras.Layer;
import land.oras.Registry;

/**
 * Downloads a blob to a file, never more than a limit: a manifest that declares a larger layer is
 * refused before the download, a registry that sends more than it declared is cut off at the limit.
 * What a registry serves cannot fill the worker's disk or memory.
 */
public final class BoundedBlobs {
  /**
   * A chart archive, compressed (the largest public charts are a few MB; Helm unpacks at most 100
   * MiB).
   */
  public static final long CHART_ARCHIVE_BYTES = 20L << 20;

  /** A converge store blob (rendered bundle, offloaded payload), as stored. */
  public static final long STORE_BLOB_BYTES = 256L << 20;

  private BoundedBlobs() {}

  public static void fetch(
      Registry registry, ContainerRef blob, Layer layer, Path file, long limit, String what)
      throws IOException {
    if (layer.getSize() > limit) {
      throw RegistryFailures.invalid(
          what + " is " + layer.getSize() + " bytes, over " + limitOf(limit));
    }
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try (InputStream in = registry.fetchBlob(blob);
        OutputStream out = Files.newOutputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        total += n;
        if (total > limit) {
          throw RegistryFailures.invalid(what + ": the registry sent more than " + limitOf(limit));
        }
        out.write(buffer, 0, n);
      }
    }
  }

  private static String limitOf(long limit) {
    return "converge's limit of " + limit + " bytes (" + (limit >> 20) + " MiB)";
  }
}
