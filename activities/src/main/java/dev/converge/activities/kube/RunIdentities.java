package dev.converge.activities.kube;

import java.util.List;
import java.util.Objects;

/**
 * Who a run acts as in the cluster. Decided by the worker's configuration and the release's kube
 * context and namespace only: a request never names an identity, so whoever can write one (an API
 * token, a hand-written {@code temporal workflow start}) gets only the identity of the namespace it
 * deploys to, and Kubernetes RBAC decides what that identity may do. Design: docs/tenancy.md.
 */
public final class RunIdentities {
  public enum Mode {
    /** Every cluster call of a run impersonates the release namespace's deployer ServiceAccount. */
    TENANT,
    /** Every run acts as the worker itself: one trusted team, or a cluster of its own. */
    SINGLE_TENANT
  }

  /**
   * A different deployer for one release namespace (e.g. a platform namespace whose deployer may
   * write cluster-scoped objects).
   *
   * @param kubeContext the context it applies to; {@code *} or empty: every context
   * @param namespace the release namespace it applies to
   * @param serviceAccountNamespace where that ServiceAccount lives; empty: the release namespace
   * @param serviceAccount its name; empty: the default deployer name
   * @param createNamespace the worker's own identity may create this release namespace when missing
   */
  public record Override(
      String kubeContext,
      String namespace,
      String serviceAccountNamespace,
      String serviceAccount,
      boolean createNamespace) {}

  /**
   * @param user the Kubernetes user name to impersonate; null: the worker's own identity
   * @param mayCreateNamespace a missing release namespace may be created by the worker
   */
  public record Identity(String user, boolean mayCreateNamespace) {
    public boolean impersonated() {
      return user != null;
    }

    /** As Kubernetes names it in its refusals. */
    public String display() {
      return user == null ? "the worker's own identity" : user;
    }
  }

  private final Mode mode;
  private final String serviceAccount;
  private final boolean createNamespaces;
  private final List<Override> overrides;

  /**
   * @param serviceAccount the deployer ServiceAccount's name in each release namespace
   * @param createNamespaces the worker may create any missing release namespace (tenant mode)
   */
  public RunIdentities(
      Mode mode, String serviceAccount, boolean createNamespaces, List<Override> overrides) {
    this.mode = Objects.requireNonNull(mode, "tenancy mode");
    this.serviceAccount = blank(serviceAccount) ? "converge-deployer" : serviceAccount.strip();
    this.createNamespaces = createNamespaces;
    this.overrides = overrides == null ? List.of() : List.copyOf(overrides);
    for (Override o : this.overrides) {
      if (blank(o.namespace())) {
        throw new IllegalArgumentException(
            "converge.tenancy.overrides: every override needs a namespace");
      }
    }
  }

  public static RunIdentities singleTenant() {
    return new RunIdentities(Mode.SINGLE_TENANT, null, true, List.of());
  }

  public Mode mode() {
    return mode;
  }

  public Identity resolve(String kubeContext, String namespace) {
    if (mode == Mode.SINGLE_TENANT) {
      return new Identity(null, true);
    }
    if (blank(namespace)) {
      throw new IllegalArgumentException(
          "a run without a release namespace has no identity in tenant mode");
    }
    for (Override o : overrides) {
      boolean anyContext = blank(o.kubeContext()) || "*".equals(o.kubeContext().strip());
      if ((anyContext || o.kubeContext().strip().equals(kubeContext))
          && o.namespace().strip().equals(namespace)) {
        String saNamespace =
            blank(o.serviceAccountNamespace()) ? namespace : o.serviceAccountNamespace().strip();
        String saName = blank(o.serviceAccount()) ? serviceAccount : o.serviceAccount().strip();
        return new Identity(user(saNamespace, saName), o.createNamespace() || createNamespaces);
      }
    }
    return new Identity(user(namespace, serviceAccount), createNamespaces);
  }

  /** One line for the worker's start log, so nobody runs single-tenant without knowing it. */
  public String describe() {
    if (mode == Mode.SINGLE_TENANT) {
      return "SINGLE-TENANT mode: every run acts with the worker's own cluster identity (converge.tenancy.mode=single-tenant)";
    }
    return "tenant mode: each run impersonates system:serviceaccount:<release namespace>:"
        + serviceAccount
        + (overrides.isEmpty() ? "" : " (" + overrides.size() + " override(s))")
        + (createNamespaces
            ? "; the worker creates missing release namespaces"
            : "; release namespaces must exist");
  }

  static String user(String namespace, String name) {
    return "system:serviceaccount:" + namespace + ":" + name;
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
