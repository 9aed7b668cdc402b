package dev.converge.activities.manifest;

/** Content-addressed storage of render results, shared by the activities of one worker host. */
public interface ManifestStore {

  /** Stores the bundle and returns its digest ({@code sha256:<hex>}). Storing twice is harmless. */
  String put(RenderedRelease bundle);

  /**
   * @throws BundleMissingException when no bundle has that digest here
   */
  RenderedRelease get(String digest);

  class BundleMissingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BundleMissingException(String digest) {
      super("rendered bundle " + digest + " is not in this worker's bundle store");
    }
  }
}
