package dev.converge.activities.kube;

import java.util.Set;

/**
 * Kinds that live outside namespaces. Rendering and reading a stored release have no cluster to ask
 * (no discovery), so this is a built-in list of the well-known ones plus, when known, the kinds of
 * cluster-scoped CRDs in the same chart; any other kind is taken as namespaced and gets the release
 * namespace, as Helm does.
 */
public final class ClusterScopedKinds {
  private static final Set<String> WELL_KNOWN =
      Set.of(
          "Namespace",
          "Node",
          "PersistentVolume",
          "CustomResourceDefinition",
          "APIService",
          "ClusterRole",
          "ClusterRoleBinding",
          "StorageClass",
          "CSIDriver",
          "CSINode",
          "VolumeAttachment",
          "VolumeSnapshotClass",
          "VolumeSnapshotContent",
          "PriorityClass",
          "RuntimeClass",
          "IngressClass",
          "GatewayClass",
          "ValidatingWebhookConfiguration",
          "MutatingWebhookConfiguration",
          "ValidatingAdmissionPolicy",
          "ValidatingAdmissionPolicyBinding",
          "MutatingAdmissionPolicy",
          "MutatingAdmissionPolicyBinding",
          "CertificateSigningRequest",
          "FlowSchema",
          "PriorityLevelConfiguration",
          "IPAddress",
          "ServiceCIDR",
          "DeviceClass",
          "PodSecurityPolicy",
          "ClusterIssuer");

  private ClusterScopedKinds() {}

  /**
   * @param chartKinds {@code group/Kind} of the chart's own CRDs with {@code scope: Cluster}
   */
  public static boolean isClusterScoped(String group, String kind, Set<String> chartKinds) {
    return WELL_KNOWN.contains(kind) || chartKinds.contains(group + "/" + kind);
  }

  public static boolean isWellKnown(String kind) {
    return WELL_KNOWN.contains(kind);
  }
}
