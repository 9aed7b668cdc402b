package dev.converge.activities.release;

/**
 * Helm's release status strings, exactly as {@code helm list} and {@code helm history} read them
 * from the record and from the Secret's {@code status} label. Kept as strings, not an enum, so a
 * record with a status we do not know (a newer Helm) still decodes.
 */
public final class ReleaseStatus {
  public static final String UNKNOWN = "unknown";
  public static final String DEPLOYED = "deployed";
  public static final String UNINSTALLED = "uninstalled";
  public static final String SUPERSEDED = "superseded";
  public static final String FAILED = "failed";
  public static final String UNINSTALLING = "uninstalling";
  public static final String PENDING_INSTALL = "pending-install";
  public static final String PENDING_UPGRADE = "pending-upgrade";
  public static final String PENDING_ROLLBACK = "pending-rollback";

  private ReleaseStatus() {}

  public static boolean isPending(String status) {
    return PENDING_INSTALL.equals(status)
        || PENDING_UPGRADE.equals(status)
        || PENDING_ROLLBACK.equals(status);
  }
}
