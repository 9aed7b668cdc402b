package dev.converge.activities.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;

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
    return e.getCode() == 422 && (message.contains("field is immutable") || message.contains("is immutable"));
  }

  /** The object's type is not served (yet): e.g. a CR whose CRD this converge is about to create. */
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

  static String reason(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage();
    }
    return e.getMessage();
  }
}
