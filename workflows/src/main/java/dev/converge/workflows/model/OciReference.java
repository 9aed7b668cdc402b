package dev.converge.workflows.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code oci://host[:port]/repository[:tag][@sha256:digest]} reference, as charts and bundles
 * are named. Pure, so requests are checked before anything starts.
 *
 * @param tag may be null when a digest is given
 * @param digest {@code sha256:<64 hex>}, or null until pinned
 */
public record OciReference(String host, String repository, String tag, String digest) {
  public static final String SCHEME = "oci://";
  private static final Pattern REF =
      Pattern.compile(
          "oci://([A-Za-z0-9.-]+(?::[0-9]{1,5})?)/([a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)"
              + "(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(sha256:[0-9a-f]{64}))?");

  /** Parses a reference that must name a tag or a digest. */
  public static OciReference parse(String text) {
    return parseRepository(text, true);
  }

  /** Parses {@code oci://host/repository}, with a tag or digest when {@code versioned}. */
  public static OciReference parseRepository(String text, boolean versioned) {
    Matcher m = REF.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not oci://host/repository"
              + (versioned ? ":tag or oci://host/repository@sha256:<digest>" : "")
              + " (lowercase repository path)");
    }
    OciReference ref = new OciReference(m.group(1), m.group(2), m.group(3), m.group(4));
    if (versioned && ref.tag == null && ref.digest == null) {
      throw new IllegalArgumentException(
          "'" + text + "' names no tag or digest: add :tag or @sha256:<digest>");
    }
    if (!versioned && (ref.tag != null || ref.digest != null)) {
      throw new IllegalArgumentException(
          "'" + text + "' must name a repository only, without tag or digest");
    }
    return ref;
  }

  /** What is wrong with {@code text} as a versioned reference, if anything. */
  public static Optional<String> problem(String text) {
    try {
      parse(text);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  public OciReference withDigest(String pinned) {
    return new OciReference(host, repository, tag, pinned);
  }

  public OciReference withTag(String newTag) {
    return new OciReference(host, repository, newTag, null);
  }

  /** {@code oci://host/repository}, without tag or digest. */
  public String repositoryUrl() {
    return SCHEME + host + "/" + repository;
  }

  @Override
  public String toString() {
    return repositoryUrl() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }
}
