package dev.converge.workflows.contract;

/** Annotation names of docs/semantics.md#annotations, in one place. */
public final class Annotations {
  public static final String WEIGHT = "werf.io/weight";

  /** {@code ignore}: a drift check leaves the object out (docs/semantics.md#drift). */
  public static final String DRIFT = "converge.dev/drift";

  public static final String HOOK = "helm.sh/hook";
  public static final String HOOK_WEIGHT = "helm.sh/hook-weight";
  public static final String HOOK_DELETE_POLICY = "helm.sh/hook-delete-policy";
  public static final String DEPLOY_ON = "werf.io/deploy-on";
  public static final String OWNERSHIP = "werf.io/ownership";
  public static final String DELETE_POLICY = "werf.io/delete-policy";
  public static final String RESOURCE_POLICY = "werf.io/resource-policy";
  public static final String HELM_RESOURCE_POLICY = "helm.sh/resource-policy";
  public static final String DELETE_PROPAGATION = "werf.io/delete-propagation";
  public static final String DEPLOY_DEPENDENCY_PREFIX = "werf.io/deploy-dependency-";
  public static final String DELETE_DEPENDENCY_PREFIX = "werf.io/delete-dependency-";
  public static final String EXTERNAL_DEPENDENCY_SUFFIX = ".external-dependency.werf.io/resource";

  /** nelm's newer form: {@code <id>.external-dependency.werf.io: apiVersion:kind[:ns]:name}. */
  public static final String EXTERNAL_DEPENDENCY_KEY_SUFFIX = ".external-dependency.werf.io";

  public static final String EXTERNAL_DEPENDENCY_NS_SUFFIX =
      ".external-dependency.werf.io/namespace";
  public static final String REPLICAS_ON_CREATION = "werf.io/replicas-on-creation";
  public static final String TRACK_TERMINATION_MODE = "werf.io/track-termination-mode";
  public static final String FAIL_MODE = "werf.io/fail-mode";
  public static final String FAILURES_ALLOWED = "werf.io/failures-allowed-per-replica";
  public static final String NO_ACTIVITY_TIMEOUT = "werf.io/no-activity-timeout";
  public static final String IGNORE_PROBE_PREFIX = "werf.io/ignore-readiness-probe-fails-for-";
  public static final String LOG_REGEX = "werf.io/log-regex";
  public static final String LOG_REGEX_FOR_PREFIX = "werf.io/log-regex-for-";

  /** Lines matching it are not shown; {@code -for-<container>} for one container. */
  public static final String LOG_REGEX_SKIP = "werf.io/log-regex-skip";

  public static final String LOG_REGEX_SKIP_FOR_PREFIX = "werf.io/log-regex-skip-for-";

  /** How many of a workload's pods have their logs shown (default 1). */
  public static final String SHOW_LOGS_FOR_REPLICAS =
      "werf.io/show-logs-only-for-number-of-replicas";

  /** Legacy: {@code true} masks {@code data} and {@code stringData} of any kind, as of a Secret. */
  public static final String SENSITIVE = "werf.io/sensitive";

  /**
   * Legacy form of a deploy dependency: {@code <id>.dependency.werf.io:
   * apiVersion:kind[:namespace]:name}.
   */
  public static final String LEGACY_DEPENDENCY_SUFFIX = ".dependency.werf.io";

  public static final String SKIP_LOGS = "werf.io/skip-logs";
  public static final String SKIP_LOGS_FOR = "werf.io/skip-logs-for-containers";
  public static final String SHOW_LOGS_ONLY_FOR = "werf.io/show-logs-only-for-containers";
  public static final String SHOW_SERVICE_MESSAGES = "werf.io/show-service-messages";

  /** Comma-separated JSONPath-like paths whose values are redacted wherever a manifest is shown. */
  public static final String SENSITIVE_PATHS = "werf.io/sensitive-paths";

  public static final String RELEASE_NAME = "meta.helm.sh/release-name";
  public static final String RELEASE_NAMESPACE = "meta.helm.sh/release-namespace";

  private Annotations() {}
}
