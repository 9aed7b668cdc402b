package dev.converge.workflows.plan;

/**
 * Which annotations a run reads. Each level adds keys; a workflow replaying a history recorded
 * before a level existed must read as that code did, or its plan (and so its commands) would
 * change. Ordered: a level includes every earlier one.
 */
public enum Readings {
  /** Before nelm 1.31 parity. */
  BASE,
  /**
   * log-regex-skip*, show-logs-only-for-number-of-replicas, sensitive, {@code <id>.dependency
   * .werf.io}.
   */
  NELM_131,
  /**
   * werf.io/delete-dependency-* and {@code <id>.external-dependency.werf.io} (nelm's newer form).
   */
  NELM_131_DEPENDENCIES;

  public static final Readings LATEST = NELM_131_DEPENDENCIES;

  public boolean has(Readings level) {
    return compareTo(level) >= 0;
  }

  /** From the workflow version of the change that introduced them: 0 (default) is BASE. */
  public static Readings ofVersion(int version) {
    return version <= 0 ? BASE : values()[Math.min(version, LATEST.ordinal())];
  }
}
