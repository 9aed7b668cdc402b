package dev.converge.activities.kube;

import dev.converge.workflows.model.ResourceKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;

/**
 * The role a RoleBinding or ClusterRoleBinding refers to. An identity without the {@code bind} verb
 * may only bind a role that exists (the API server compares its rules with the identity's own): a
 * dry run of a new binding to a role of the same release, not created yet, fails with NotFound,
 * although the apply, which creates Roles before RoleBindings, succeeds.
 */
final class RoleRefs {
  static final String RBAC = "rbac.authorization.k8s.io";

  private RoleRefs() {}

  /** The referenced role as a resource key, or null for anything but a binding. */
  static ResourceKey target(HasMetadata binding) {
    RoleRef ref = null;
    String namespace = null;
    if (binding instanceof RoleBinding rb) {
      ref = rb.getRoleRef();
      namespace = rb.getMetadata().getNamespace();
    } else if (binding instanceof ClusterRoleBinding crb) {
      ref = crb.getRoleRef();
    }
    if (ref == null || ref.getKind() == null || ref.getName() == null) {
      return null;
    }
    boolean clusterRole = ref.getKind().equals("ClusterRole");
    return new ResourceKey(
        RBAC + "/v1", ref.getKind(), clusterRole ? null : namespace, ref.getName());
  }
}
