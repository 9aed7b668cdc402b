package dev.converge.activities.track;

import dev.converge.workflows.model.ResourceKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-only cache of the tracked objects: one informer per (apiVersion, kind, namespace), shared by
 * the items of that kind, and one pod informer per namespace. Each change wakes the loop.
 */
final class ClusterView implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterView.class);
  private static final Duration RETRY_START = Duration.ofSeconds(5);

  private final KubernetesClient client;
  private final ResourceEventHandler<Object> notify;
  private final Map<String, SharedIndexInformer<GenericKubernetesResource>> objects =
      new HashMap<>();
  private final Map<String, SharedIndexInformer<Pod>> pods = new HashMap<>();
  private final Map<String, Instant> failedStarts = new HashMap<>();

  ClusterView(KubernetesClient client, Runnable onChange) {
    this.client = client;
    this.notify = new Notify(onChange);
  }

  /** The object as last seen, or null when absent (or its kind cannot be watched yet). */
  GenericKubernetesResource get(ResourceKey key) {
    String informerKey = key.apiVersion() + "/" + key.kind() + "/" + key.namespace();
    SharedIndexInformer<GenericKubernetesResource> informer = objects.get(informerKey);
    if (informer == null && mayStart(informerKey)) {
      informer = start(informerKey, () -> startObjects(key));
      if (informer != null) {
        objects.put(informerKey, informer);
      }
    }
    return informer == null
        ? null
        : informer.getStore().getByKey(Cache.namespaceKeyFunc(key.namespace(), key.name()));
  }

  /** Pods in the namespace carrying all the selector's labels, by name. */
  List<Pod> pods(String namespace, Map<String, String> selector) {
    if (namespace == null || selector.isEmpty()) {
      return List.of(); // an empty selector would match every pod of the namespace
    }
    SharedIndexInformer<Pod> informer = pods.get(namespace);
    if (informer == null && mayStart("pods/" + namespace)) {
      informer =
          start("pods/" + namespace, () -> client.pods().inNamespace(namespace).inform(notify, 0));
      if (informer != null) {
        pods.put(namespace, informer);
      }
    }
    if (informer == null) {
      return List.of();
    }
    List<Pod> matching = new ArrayList<>();
    for (Pod pod : informer.getStore().list()) {
      Map<String, String> labels = pod.getMetadata().getLabels();
      if (labels != null && labels.entrySet().containsAll(selector.entrySet())) {
        matching.add(pod);
      }
    }
    matching.sort(Comparator.comparing(p -> p.getMetadata().getName()));
    return matching;
  }

  private SharedIndexInformer<GenericKubernetesResource> startObjects(ResourceKey key) {
    var resources = client.genericKubernetesResources(key.apiVersion(), key.kind());
    return key.namespace() == null
        ? resources.inform(notify, 0)
        : resources.inNamespace(key.namespace()).inform(notify, 0);
  }

  private boolean mayStart(String informerKey) {
    Instant failed = failedStarts.get(informerKey);
    return failed == null || Instant.now().isAfter(failed.plus(RETRY_START));
  }

  /** A kind whose CRD is not there yet cannot be watched; the item waits and we retry later. */
  private <T> SharedIndexInformer<T> start(
      String informerKey, Supplier<SharedIndexInformer<T>> starter) {
    try {
      SharedIndexInformer<T> informer = starter.get();
      failedStarts.remove(informerKey);
      return informer;
    } catch (RuntimeException e) {
      LOG.warn("cannot watch {} yet: {}", informerKey, e.getMessage());
      failedStarts.put(informerKey, Instant.now());
      return null;
    }
  }

  @Override
  public void close() {
    objects.values().forEach(SharedIndexInformer::stop);
    pods.values().forEach(SharedIndexInformer::stop);
  }

  private record Notify(Runnable onChange) implements ResourceEventHandler<Object> {
    @Override
    public void onAdd(Object obj) {
      onChange.run();
    }

    @Override
    public void onUpdate(Object oldObj, Object newObj) {
      onChange.run();
    }

    @Override
    public void onDelete(Object obj, boolean deletedFinalStateUnknown) {
      onChange.run();
    }
  }
}
