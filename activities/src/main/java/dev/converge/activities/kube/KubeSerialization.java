package dev.converge.activities.kube;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * One JSON mapping for every Kubernetes client of the worker: a client built without one gets a
 * fresh ObjectMapper, whose (de)serializers for each model class are then built again for every
 * tenant identity's client, in that tenant's first converge.
 */
final class KubeSerialization {
  static final KubernetesSerialization SHARED = new KubernetesSerialization();

  private KubeSerialization() {}
}
