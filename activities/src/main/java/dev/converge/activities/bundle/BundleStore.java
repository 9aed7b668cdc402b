package dev.converge.activities.bundle;

/** Content-addressed storage of render results, shared by the activities of one worker host. */
public interface BundleStore {

  /** Stores the bundle and returns its digest ({@code sha256:<hex>}). Storing twice is harmless. */
  String put(Bundle bundle);

  /**
   * @throws BundleMissingException when no bundle has that digest here
   */
  Bundle get(String digest);

  class BundleMissingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BundleMissingException(String digest) {
      super("rendered bundle " + digest + " is not in this worker's bundle store");
    }
  }
}
