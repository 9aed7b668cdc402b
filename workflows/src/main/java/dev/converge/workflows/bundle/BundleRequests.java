package dev.converge.workflows.bundle;

import dev.converge.workflows.model.Fields;
import dev.converge.workflows.model.OciReference;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strict parsing of bundle requests (unknown keys and wrong types named), shared by the workflows
 * and the API, and the workflow ids that make one writer per tag.
 */
public final class BundleRequests {
  private static final Set<String> PUBLISH_KEYS =
      Set.of(
          "chart",
          "values",
          "valuesFiles",
          "setJson",
          "set",
          "setString",
          "setFile",
          "env",
          "repository",
          "tag");
  private static final Set<String> COPY_KEYS = Set.of("from", "to");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern ARCHIVE = Pattern.compile("archive:[^\\x00]+\\.(tar\\.gz|tgz)");

  /** Helm stores a chart version with build metadata under a tag with '_' for '+'. */
  private static final Pattern SEMVER =
      Pattern.compile(
          "v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(_[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");

  private BundleRequests() {}

  public static BundlePublishRequest publish(Object raw) {
    Fields f = Fields.of(raw, PUBLISH_KEYS);
    String chart = f.requiredString("chart");
    if (chart != null && chart.startsWith(OciReference.SCHEME)) {
      OciReference.problem(chart).ifPresent(p -> f.problem("chart", p));
    }
    String repository = f.requiredString("repository");
    if (repository != null) {
      try {
        OciReference.parseRepository(repository, false);
      } catch (IllegalArgumentException e) {
        f.problem("repository", e.getMessage());
      }
    }
    String tag = f.requiredString("tag");
    if (tag != null && !TAG.matcher(tag).matches()) {
      f.problem(
          "tag", "'" + tag + "' is not an OCI tag (letters, digits, '_', '.', '-'; at most 128)");
    }
    BundlePublishRequest request =
        new BundlePublishRequest(
            chart,
            f.object("values"),
            f.strings("valuesFiles"),
            f.assignments("setJson"),
            f.assignments("set"),
            f.assignments("setString"),
            f.assignments("setFile"),
            f.optionalString("env"),
            repository,
            tag);
    f.check();
    return request;
  }

  public static BundleCopyRequest copy(Object raw) {
    Fields f = Fields.of(raw, COPY_KEYS);
    String from = f.requiredString("from");
    String to = f.requiredString("to");
    if (from != null) {
      endProblem(from, true).ifPresent(p -> f.problem("from", p));
    }
    if (to != null) {
      endProblem(to, false).ifPresent(p -> f.problem("to", p));
    }
    if (f.problems().isEmpty()
        && to.startsWith(OciReference.SCHEME)
        && !hasTag(to)
        && (from.startsWith(BundleCopyRequest.ARCHIVE) || OciReference.parse(from).tag() == null)) {
      f.problem("to", "name the tag to copy to (oci://host/repository:tag): the source names none");
    }
    if (from != null && from.equals(to)) {
      f.problem("to", "is the same as from");
    }
    if (from != null
        && to != null
        && from.startsWith(BundleCopyRequest.ARCHIVE)
        && to.startsWith(BundleCopyRequest.ARCHIVE)) {
      f.problem("to", "copy archive to archive is a file copy; one end must be a registry");
    }
    f.check();
    return new BundleCopyRequest(from, to);
  }

  /**
   * The chart version a tag sets: a semantic-version tag ({@code 1.2.3}, {@code v1.2.3-rc.1}), else
   * none.
   */
  public static Optional<String> chartVersion(String tag) {
    return SEMVER.matcher(tag).matches() ? Optional.of(tag.replace('_', '+')) : Optional.empty();
  }

  public static String workflowId(OciReference target) {
    return "bundle/" + target.host() + "/" + target.repository() + ":" + target.tag();
  }

  static String copyWorkflowId(BundleCopyRequest request) {
    return request.to().startsWith(BundleCopyRequest.ARCHIVE)
        ? "bundle/" + request.to()
        : workflowId(copyTarget(request));
  }

  /** The target tag of a copy: its own, else the source's; null when neither names one. */
  public static OciReference copyTarget(BundleCopyRequest request) {
    OciReference to = OciReference.parseRepository(request.to(), hasTag(request.to()));
    if (to.tag() != null) {
      return to;
    }
    return to.withTag(OciReference.parse(request.from()).tag());
  }

  private static Optional<String> endProblem(String end, boolean source) {
    if (end.startsWith(BundleCopyRequest.ARCHIVE)) {
      return ARCHIVE.matcher(end).matches()
          ? Optional.empty()
          : Optional.of(
              "'"
                  + end
                  + "' must be archive:<path>.tar.gz (a path under the worker's charts directory)");
    }
    if (!end.startsWith(OciReference.SCHEME)) {
      return Optional.of(
          "'"
              + end
              + "' must be oci://host/repository:tag, oci://host/repository@sha256:<digest> or archive:<path>.tar.gz");
    }
    if (source) {
      return OciReference.problem(end);
    }
    if (end.contains("@")) {
      return Optional.of("'" + end + "': a target names a tag, not a digest (the digest is kept)");
    }
    try {
      OciReference.parseRepository(end, hasTag(end));
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static boolean hasTag(String ref) {
    String path = ref.substring(OciReference.SCHEME.length());
    int slash = path.indexOf('/');
    return slash >= 0 && path.substring(slash).contains(":");
  }
}
