package dev.converge.workflows.contract;

import java.util.Arrays;

/**
 * Helm's release statuses, as {@code helm list} and {@code helm history} read them from the record
 * and from the Secret's {@code status} label (docs/semantics.md#release-storage). Records carry the
 * string, so one with a status we do not know (a newer Helm) still decodes: it reads as {@link
 * #UNKNOWN} here.
 */
public enum RevisionStatus {
  UNKNOWN("unknown"),
  DEPLOYED("deployed"),
  UNINSTALLED("uninstalled"),
  SUPERSEDED("superseded"),
  FAILED("failed"),
  UNINSTALLING("uninstalling"),
  PENDING_INSTALL("pending-install"),
  PENDING_UPGRADE("pending-upgrade"),
  PENDING_ROLLBACK("pending-rollback");

  private final String helmName;

  RevisionStatus(String helmName) {
    this.helmName = helmName;
  }

  /** The string Helm writes. */
  public String helmName() {
    return helmName;
  }

  public boolean pending() {
    return this == PENDING_INSTALL || this == PENDING_UPGRADE || this == PENDING_ROLLBACK;
  }

  /** The status a record names; {@link #UNKNOWN} for null or a name Helm may add later. */
  public static RevisionStatus of(String helmName) {
    return Arrays.stream(values())
        .filter(s -> s.helmName.equals(helmName))
        .findFirst()
        .orElse(UNKNOWN);
  }
}
