package dev.converge.activities.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which API errors are the user's (final) and which are the cluster's (worth a retry). */
final class Failing {
  private Failing() {}

  /** 4xx other than conflict/throttling: the request itself is wrong and will stay wrong. */
  static boolean isRejection(KubernetesClientException e) {
    int code = e.getCode();
    return code >= 400 && code < 500 && code != 409 && code != 429 && code != 408;
  }

  static boolean isImmutableField(KubernetesClientException e) {
    String message = String.valueOf(e.getMessage());
    return e.getCode() == 422
        && (message.contains("field is immutable") || message.contains("is immutable"));
  }

  /**
   * The object's type is not served (yet): e.g. a CR whose CRD this converge is about to create.
   */
  static boolean isUnknownType(KubernetesClientException e) {
    String message = String.valueOf(e.getMessage());
    return e.getCode() == 404
        || message.contains("Could not find the metadata")
        || message.contains("Could not find a registered handler");
  }

  /** A namespaced object whose namespace does not exist (yet). */
  static boolean isMissingNamespace(KubernetesClientException e) {
    String message = String.valueOf(reason(e));
    return e.getCode() == 404 && message.contains("namespaces") && message.contains("not found");
  }

  static boolean isForbidden(KubernetesClientException e) {
    return e.getCode() == 403;
  }

  private static final Pattern RBAC =
      Pattern.compile(
          "User \"([^\"]+)\" cannot (\\S+) resource \"([^\"]+)\"(?: in API group \"[^\"]*\")?"
              + "(?: (at the cluster scope)| in the namespace \"([^\"]+)\")?");

  /**
   * An RBAC refusal as one line naming the identity, the verb and the resource, e.g. {@code
   * system:serviceaccount:team-a:converge-deployer may not create clusterrolebindings
   * (cluster-scoped)}; any other 403 (admission, a terminating namespace) as the API server said
   * it.
   *
   * @param verb what the run meant to do; null: the verb the API server names
   */
  static String forbidden(
      KubernetesClientException e, String verb, RunIdentities.Identity identity) {
    String reason = String.valueOf(reason(e));
    Matcher m = RBAC.matcher(reason);
    if (!m.find()) {
      return reason;
    }
    String user = identity != null && identity.impersonated() ? identity.user() : m.group(1);
    String scope =
        m.group(4) != null
            ? "cluster-scoped"
            : m.group(5) != null ? "in namespace " + m.group(5) : null;
    return user
        + " may not "
        + (verb == null ? m.group(2) : verb)
        + " "
        + m.group(3)
        + (scope == null ? "" : " (" + scope + ")");
  }

  static String reason(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage();
    }
    return e.getMessage();
  }
}
