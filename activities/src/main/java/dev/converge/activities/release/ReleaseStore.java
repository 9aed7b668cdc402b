package dev.converge.activities.release;

import java.util.List;
import java.util.Optional;

/** Where a cluster keeps its release records; one store per cluster, any namespace. */
public interface ReleaseStore {

  /** Every revision of the release, oldest first; records that cannot be decoded are skipped. */
  List<HelmRelease> history(String namespace, String release);

  Optional<HelmRelease> get(String namespace, String release, int version);

  /**
   * Stores a new revision.
   *
   * @throws ReleaseExistsException when that revision is already stored
   * @throws io.temporal.failure.ApplicationFailure {@code ReleaseTooLarge}, see {@link
   *     HelmReleaseCodec#checkSize}
   */
  void create(HelmRelease release);

  /** Replaces a stored revision (status changes). */
  void update(HelmRelease release);

  /** Removes a revision; removing one that is gone is not an error. */
  void delete(String namespace, String release, int version);

  /** Helm's storage key, also the Secret's name: {@code sh.helm.release.v1.<release>.v<rev>}. */
  static String key(String release, int version) {
    return "sh.helm.release.v1." + release + ".v" + version;
  }

  class ReleaseExistsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReleaseExistsException(String key) {
      super("release record " + key + " already exists");
    }
  }
}
