package dev.converge.activities.render;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A private, writable copy of one chart for one render: packaged subcharts unpacked and hook
 * annotations masked ({@link HookMask}). The user's chart is never changed; the copy is deleted on
 * close, so concurrent renders never share files.
 */
final class ChartWorkspace implements AutoCloseable {
  private final Path root;
  private final Path chartDir;

  private ChartWorkspace(Path root, Path chartDir) {
    this.root = root;
    this.chartDir = chartDir;
  }

  static ChartWorkspace ofDirectory(Path source, Path tempParent) throws IOException {
    return create(
        tempParent,
        root -> {
          Path chartDir = root.resolve("chart");
          copyTree(source, chartDir);
          return chartDir;
        });
  }

  static ChartWorkspace ofArchive(InputStream tgz, String name, Path tempParent)
      throws IOException {
    return create(tempParent, root -> extractChart(tgz, name, root.resolve("unpacked")));
  }

  Path chartDir() {
    return chartDir;
  }

  Path root() {
    return root;
  }

  @Override
  public void close() {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete render workspace " + root, e);
    }
  }

  private interface Filler {
    Path fill(Path root) throws IOException;
  }

  /** Fills a new temp dir with the chart; removes it again if anything fails on the way. */
  private static ChartWorkspace create(Path tempParent, Filler filler) throws IOException {
    Path root = Files.createTempDirectory(tempParent, "render");
    ChartWorkspace workspace = new ChartWorkspace(root, root);
    try {
      Path chartDir = filler.fill(root);
      unpackSubcharts(chartDir);
      HookMask.maskChart(chartDir);
      return new ChartWorkspace(root, chartDir);
    } catch (IOException | RuntimeException e) {
      workspace.close();
      throw e;
    }
  }

  /** charts/x.tgz becomes charts/x/ so its templates can be masked too. Helm loads both forms. */
  private static void unpackSubcharts(Path chartDir) throws IOException {
    Path charts = chartDir.resolve("charts");
    if (Files.isDirectory(charts)) {
      List<Path> archives;
      try (Stream<Path> entries = Files.list(charts)) {
        archives = entries.filter(p -> p.getFileName().toString().endsWith(".tgz")).toList();
      }
      for (Path archive : archives) {
        Path unpacked = Files.createTempDirectory(charts.getParent(), "subchart");
        try (InputStream in = Files.newInputStream(archive)) {
          Path top = extractChart(in, archive.toString(), unpacked);
          Path target = charts.resolve(top.getFileName());
          for (int n = 2; Files.exists(target); n++) {
            target = charts.resolve(top.getFileName() + "-" + n);
          }
          Files.move(top, target);
        }
        Files.delete(unpacked);
        Files.delete(archive);
      }
    }
    for (Path subchart : HookMask.subcharts(chartDir)) {
      unpackSubcharts(subchart);
    }
  }

  /** Extracts a chart archive and returns its one top-level directory (which has Chart.yaml). */
  private static Path extractChart(InputStream tgz, String name, Path dest) throws IOException {
    Files.createDirectories(dest);
    // java.util.zip, not commons-compress: Helm writes a gzip "extra" field that is not made of
    // subfields, which commons-compress rejects.
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(tgz)))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        Path target = dest.resolve(entry.getName()).normalize();
        if (!target.startsWith(dest) || target.equals(dest)) {
          throw RenderFailures.failed(
              "chart archive " + name + " has an unsafe path: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isFile()) {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw RenderFailures.failed("chart archive " + name + " cannot be read: " + e.getMessage());
    }
    try (Stream<Path> tops = Files.list(dest)) {
      List<Path> charts = tops.filter(p -> Files.isRegularFile(p.resolve("Chart.yaml"))).toList();
      if (charts.size() != 1) {
        throw RenderFailures.failed("chart archive " + name + " has no single chart directory");
      }
      return charts.get(0);
    }
  }

  private static void copyTree(Path source, Path target) throws IOException {
    Files.walkFileTree(
        source,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(target.resolve(source.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(file, target.resolve(source.relativize(file).toString()));
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
