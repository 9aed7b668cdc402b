package dev.converge.registry;

import dev.converge.workflows.model.OciReference;
import io.temporal.failure.ApplicationFailure;
import land.oras.exception.OrasException;

/**
 * Registry errors as users should read them, never oras-java's own. Refusals (credentials,
 * permissions, a missing tag) are final; a registry that is down or slow is retried.
 */
public final class RegistryFailures {
  public static final String REFUSED = "RegistryRefused";
  public static final String NOT_FOUND = "BundleNotFound";
  public static final String TAG_EXISTS = "TagExists";
  public static final String INVALID = "InvalidBundle";

  private RegistryFailures() {}

  public static RuntimeException of(String action, OciReference ref, RuntimeException e) {
    if (e instanceof ApplicationFailure failure) {
      return failure;
    }
    Integer status = e instanceof OrasException oras ? oras.getStatusCode() : null;
    String where = "registry " + ref.host();
    if (status != null && (status == 401 || status == 403)) {
      return ApplicationFailure.newNonRetryableFailure(
          where
              + " refused to "
              + action
              + " "
              + ref
              + " (HTTP "
              + status
              + (status == 401 ? " unauthorized" : " forbidden")
              + "): check the worker's credentials for "
              + ref.host()
              + " (converge.registries.hosts or its Docker config file)",
          REFUSED);
    }
    if (status != null && status == 404) {
      return ApplicationFailure.newNonRetryableFailure(
          ref + " not found in " + where + " (cannot " + action + " it)", NOT_FOUND);
    }
    if (status != null && status >= 400 && status < 500 && status != 408 && status != 429) {
      return ApplicationFailure.newNonRetryableFailure(
          where
              + " rejected the request to "
              + action
              + " "
              + ref
              + " (HTTP "
              + status
              + "): "
              + brief(e),
          REFUSED);
    }
    // Down, unreachable, slow or a 5xx: retried by the activity's retry policy.
    return ApplicationFailure.newFailure(
        "cannot "
            + action
            + " "
            + ref
            + ": "
            + where
            + " did not answer properly"
            + (status == null ? "" : " (HTTP " + status + ")")
            + ": "
            + brief(e)
            + " (will retry)",
        "RegistryUnavailable");
  }

  public static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, INVALID);
  }

  private static String brief(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.length() > 300 ? message.substring(0, 300) + "..." : message;
  }
}
