package dev.converge.activities.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Confines every path a request names (chart, values files, set-files) to the worker's charts
 * directory: a request may only read what the deployment put there. Absolute paths, {@code ..}
 * escapes and symbolic links leading out are refused, naming the field; messages name the path as
 * the request gave it, never the worker's own directories.
 */
public final class ChartPaths {
  private final Path base;

  public ChartPaths(Path base) {
    this.base = base.toAbsolutePath().normalize();
  }

  /**
   * @param field the request field, e.g. {@code valuesFiles[0]}
   * @param given the path as the request gave it
   */
  public Path resolve(String field, String given) {
    Path path;
    try {
      path = Path.of(given);
    } catch (InvalidPathException e) {
      throw refused(field, given, "is not a valid path");
    }
    if (given.isBlank()) {
      throw refused(field, given, "is empty");
    }
    if (path.isAbsolute()) {
      throw refused(field, given, "is absolute; give a path relative to the charts directory");
    }
    Path resolved = base.resolve(path).normalize();
    if (!resolved.startsWith(base)) {
      throw refused(field, given, "leads outside the charts directory");
    }
    if (Files.exists(resolved) && !inside(resolved)) {
      throw refused(field, given, "is a symbolic link that leads outside the charts directory");
    }
    return resolved;
  }

  /** A file to write: confined like {@link #resolve}, and its directory must exist inside. */
  public Path resolveNew(String field, String given) {
    Path resolved = resolve(field, given);
    Path parent = resolved.getParent();
    if (!Files.isDirectory(parent)) {
      throw refused(field, given, "names a directory that does not exist");
    }
    if (!inside(parent)) {
      throw refused(
          field, given, "lies in a symbolic link that leads outside the charts directory");
    }
    return resolved;
  }

  /** A chart directory may hold links, but none that leads outside (Helm follows them). */
  void checkTree(String field, String given, Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      List<Path> links = paths.filter(Files::isSymbolicLink).toList();
      for (Path link : links) {
        if (!inside(link)) {
          throw refused(
              field,
              given,
              "holds "
                  + dir.relativize(link)
                  + ", a symbolic link that leads outside the charts directory");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read chart " + given, e);
    }
  }

  private boolean inside(Path path) {
    try {
      return !Files.exists(path) || path.toRealPath().startsWith(base.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  private static RuntimeException refused(String field, String given, String why) {
    return RenderFailures.failed(field + " \"" + given + "\" " + why);
  }
}
