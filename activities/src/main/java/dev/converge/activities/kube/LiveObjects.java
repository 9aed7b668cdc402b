package dev.converge.activities.kube;

import dev.converge.workflows.model.ResourceKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live objects of an inspect, read with one paged LIST per kind and namespace where a release
 * has many objects of that kind there: a thousand GETs cost the API server far more than a few
 * LISTs. Cluster-scoped kinds and small groups are left to a GET each (a LIST of every CRD of a
 * cluster is larger than the few a chart has), and so is any group whose LIST fails (no list
 * permission, a kind not served yet): the GET then meets the same problem and reports it.
 */
final class LiveObjects {
  static final int LIST_FROM = 10;
  static final long PAGE = 500;
  private static final Logger LOG = LoggerFactory.getLogger(LiveObjects.class);

  /** Per listed group, the live objects by name; a group absent here was not listed. */
  private final Map<String, Map<String, HasMetadata>> listed;

  private LiveObjects(Map<String, Map<String, HasMetadata>> listed) {
    this.listed = listed;
  }

  static LiveObjects read(KubernetesClient client, List<ResourceKey> keys, Runnable heartbeat) {
    Map<String, List<ResourceKey>> groups = new LinkedHashMap<>();
    for (ResourceKey key : keys) {
      if (key.namespace() != null) {
        groups.computeIfAbsent(group(key), g -> new ArrayList<>()).add(key);
      }
    }
    Map<String, Map<String, HasMetadata>> listed = new HashMap<>();
    for (List<ResourceKey> members : groups.values()) {
      if (members.size() < LIST_FROM) {
        continue;
      }
      ResourceKey first = members.get(0);
      try {
        listed.put(group(first), list(client, first));
      } catch (KubernetesClientException e) {
        LOG.debug(
            "LIST of {} in {} failed ({}); reading each object instead",
            first.kind(),
            first.namespace(),
            e.getCode());
      }
      heartbeat.run();
    }
    return new LiveObjects(listed);
  }

  /** Empty when it is absent, null when its group was not listed (GET it). */
  Optional<HasMetadata> known(ResourceKey key) {
    Map<String, HasMetadata> byName = listed.get(group(key));
    return byName == null ? null : Optional.ofNullable(byName.get(key.name()));
  }

  /**
   * What a step finds in place of an object: the LIST's answer where it was listed, a GET
   * otherwise.
   */
  interface Lookup {
    HasMetadata get(ResourceKey key, HasMetadata desired);
  }

  Lookup lookup(KubernetesClient client) {
    return (key, desired) -> {
      Optional<HasMetadata> known = known(key);
      return known != null ? known.orElse(null) : client.resource(desired).get();
    };
  }

  private static Map<String, HasMetadata> list(KubernetesClient client, ResourceKey key) {
    Map<String, HasMetadata> byName = new HashMap<>();
    String next = null;
    do {
      GenericKubernetesResourceList page =
          client
              .genericKubernetesResources(key.apiVersion(), key.kind())
              .inNamespace(key.namespace())
              .list(new ListOptionsBuilder().withLimit(PAGE).withContinue(next).build());
      for (GenericKubernetesResource item : page.getItems()) {
        item.setApiVersion(key.apiVersion());
        item.setKind(key.kind());
        byName.put(item.getMetadata().getName(), typed(item));
      }
      next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
    } while (next != null && !next.isEmpty());
    return byName;
  }

  /**
   * As a GET returns it (typed for the kinds the client knows), so the diff compares like with
   * like.
   */
  private static HasMetadata typed(GenericKubernetesResource item) {
    return Serialization.unmarshal(Serialization.asJson(item), HasMetadata.class);
  }

  private static String group(ResourceKey key) {
    return key.apiVersion() + "/" + key.kind() + "/" + key.namespace();
  }
}
