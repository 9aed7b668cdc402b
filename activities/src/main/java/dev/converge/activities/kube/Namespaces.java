package dev.converge.activities.kube;

import dev.converge.workflows.model.ReleaseTarget;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;

/**
 * The release namespace, handled by the worker's own identity (namespaces are cluster-scoped, a
 * tenant's deployer has no say over them). A namespace converge creates carries the release it was
 * created for, and only such a namespace is ever deleted again (dismiss with deleteNamespace).
 */
final class Namespaces {
  /** On a namespace converge created: {@code <kube context>/<release>} it was created for. */
  static final String CREATED_FOR = "converge.dev/created-for-release";

  private final KubeClients clients;

  Namespaces(KubeClients clients) {
    this.clients = clients;
  }

  /**
   * Whether the release namespace is still to be created. Fails (final) when it is missing and the
   * run's identity may not have it created: checked while planning, before any write.
   */
  boolean missing(ReleaseTarget target) {
    if (get(target) != null) {
      return false;
    }
    RunIdentities.Identity identity = clients.identity(target);
    if (!identity.mayCreateNamespace()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "namespace "
              + target.namespace()
              + " does not exist: in tenant mode a release"
              + " deploys into a namespace that exists, where "
              + identity.display()
              + " is bound to a Role (docs/tenancy.md);"
              + " or let the worker create it (converge.tenancy.create-namespaces, or create-namespace on an override)",
          "NamespaceMissing");
    }
    return true;
  }

  /** Idempotent: true only when this call created it. Undone by {@link #deleteIfCreatedFor}. */
  boolean ensure(ReleaseTarget target) {
    if (!missing(target)) {
      return false;
    }
    Namespace namespace =
        new NamespaceBuilder()
            .withNewMetadata()
            .withName(target.namespace())
            .withAnnotations(Map.of(CREATED_FOR, mark(target)))
            .endMetadata()
            .build();
    try {
      own(target).namespaces().resource(namespace).create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Deletes the namespace only when converge created it for this very release; false (left in
   * place) for any other namespace, however the request was made.
   */
  boolean deleteIfCreatedFor(ReleaseTarget target) {
    Namespace live = get(target);
    if (live == null) {
      return false;
    }
    Map<String, String> annotations = live.getMetadata().getAnnotations();
    if (annotations == null || !mark(target).equals(annotations.get(CREATED_FOR))) {
      return false;
    }
    own(target).namespaces().withName(target.namespace()).delete();
    return true;
  }

  private Namespace get(ReleaseTarget target) {
    return own(target).namespaces().withName(target.namespace()).get();
  }

  private KubernetesClient own(ReleaseTarget target) {
    return clients.own(target.kubeContext());
  }

  static String mark(ReleaseTarget target) {
    return target.kubeContext() + "/" + target.release();
  }
}
