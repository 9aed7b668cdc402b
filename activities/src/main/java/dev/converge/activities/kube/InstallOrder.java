package dev.converge.activities.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Helm's install order of kinds (releaseutil.InstallOrder). Objects of one weight step are applied
 * kind group by kind group in this order, so that a hook Job finds the ServiceAccount, Role and
 * Secret of its own step already there, as {@code helm install} creates them one after another;
 * within a group they are applied in parallel.
 */
final class InstallOrder {
  private static final List<String> KINDS =
      List.of(
          "PriorityClass",
          "Namespace",
          "NetworkPolicy",
          "ResourceQuota",
          "LimitRange",
          "PodSecurityPolicy",
          "PodDisruptionBudget",
          "ServiceAccount",
          "Secret",
          "SecretList",
          "ConfigMap",
          "StorageClass",
          "PersistentVolume",
          "PersistentVolumeClaim",
          "CustomResourceDefinition",
          "ClusterRole",
          "ClusterRoleList",
          "ClusterRoleBinding",
          "ClusterRoleBindingList",
          "Role",
          "RoleList",
          "RoleBinding",
          "RoleBindingList",
          "Service",
          "DaemonSet",
          "Pod",
          "ReplicationController",
          "ReplicaSet",
          "Deployment",
          "HorizontalPodAutoscaler",
          "StatefulSet",
          "Job",
          "CronJob",
          "IngressClass",
          "Ingress",
          "APIService",
          "MutatingWebhookConfiguration",
          "ValidatingWebhookConfiguration");

  private InstallOrder() {}

  static int rank(String kind) {
    int index = KINDS.indexOf(kind);
    return index < 0 ? KINDS.size() : index; // other kinds (custom resources) last
  }

  /**
   * The items grouped by the install rank of their kind, earliest group first, order kept inside.
   */
  static <T> List<List<T>> groups(List<T> items, Function<T, String> kind) {
    Map<Integer, List<T>> byRank = new TreeMap<>();
    for (T item : items) {
      byRank.computeIfAbsent(rank(kind.apply(item)), r -> new ArrayList<>()).add(item);
    }
    return List.copyOf(byRank.values());
  }
}
