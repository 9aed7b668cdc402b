package dev.converge.activities.publish;

import dev.converge.registry.RegistryFailures;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A bundle as a {@code .tar.gz} of an OCI image layout (what {@code oras}/{@code werf bundle copy}
 * write), for registries a deploy cannot reach. Reading refuses entries that would land outside the
 * unpack directory, links, and archives larger than {@link #MAX_BYTES} unpacked.
 */
final class BundleArchive {
  static final long MAX_BYTES = 1L << 30;

  private BundleArchive() {}

  static void unpack(Path archive, Path dir) throws IOException {
    long total = 0;
    try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        Path target = dir.resolve(entry.getName()).normalize();
        if (!target.startsWith(dir) || entry.getName().isBlank()) {
          throw RegistryFailures.invalid(
              "archive entry " + entry.getName() + " leads outside the archive");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isFile()) {
          total += entry.getSize();
          if (total > MAX_BYTES) {
            throw RegistryFailures.invalid(
                "archive unpacks to more than " + (MAX_BYTES >> 20) + " MiB");
          }
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        } else {
          throw RegistryFailures.invalid(
              "archive entry " + entry.getName() + " is not a plain file or directory");
        }
      }
    } catch (ZipException | IllegalArgumentException e) {
      throw RegistryFailures.invalid("not a .tar.gz bundle archive: " + e.getMessage());
    }
    if (!Files.isRegularFile(dir.resolve("index.json"))
        || !Files.isRegularFile(dir.resolve("oci-layout"))) {
      throw RegistryFailures.invalid("archive holds no OCI image layout (index.json, oci-layout)");
    }
  }

  /**
   * Writes {@code dir} as {@code archive}: a temp file renamed into place, so readers never see
   * half.
   */
  static void pack(Path dir, Path archive) throws IOException {
    Path temp = Files.createTempFile(archive.getParent(), ".bundle", ".tmp");
    try {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(dir)) {
        files =
            walk.filter(Files::isRegularFile)
                .sorted(Comparator.comparing(p -> dir.relativize(p).toString()))
                .toList();
      }
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp));
          TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (Path file : files) {
          TarArchiveEntry entry = new TarArchiveEntry(dir.relativize(file).toString());
          entry.setSize(Files.size(file));
          entry.setModTime(0);
          entry.setMode(0644);
          tar.putArchiveEntry(entry);
          Files.copy(file, tar);
          tar.closeArchiveEntry();
        }
      }
      Files.move(
          temp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
