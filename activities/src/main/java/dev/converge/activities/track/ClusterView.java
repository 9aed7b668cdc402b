package dev.converge.activities.track;

import dev.converge.workflows.model.ResourceKey;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-only cache of the tracked objects: one informer per (apiVersion, kind, namespace), shared by
 * the items of that kind, and one informer per namespace for pods, ReplicaSets and events, started
 * on first use. Each change wakes the loop.
 */
final class ClusterView implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterView.class);
  private static final Duration RETRY_START = Duration.ofSeconds(5);

  private final KubernetesClient client;
  private final ResourceEventHandler<Object> notify;
  // Concurrent: prestart fills them from several threads, the loop reads them afterwards.
  private final Map<String, SharedIndexInformer<GenericKubernetesResource>> objects =
      new ConcurrentHashMap<>();
  private final Map<String, SharedIndexInformer<? extends HasMetadata>> namespaced =
      new ConcurrentHashMap<>();
  private final Map<String, Instant> failedStarts = new ConcurrentHashMap<>();

  ClusterView(KubernetesClient client, Runnable onChange) {
    this.client = client;
    this.notify = new Notify(onChange);
  }

  /**
   * Starts every informer the items will ask for at once: one after another, each LIST and WATCH
   * would add its round trips to every tracking (seven of them for a chart of four kinds).
   */
  void prestart(List<ResourceKey> keys) {
    Map<String, Runnable> starts = new LinkedHashMap<>();
    for (ResourceKey key : keys) {
      starts.putIfAbsent(objectsKey(key), () -> get(key));
      String ns = key.namespace();
      if (ns != null) {
        starts.putIfAbsent("events/" + ns, () -> events(ns));
        if (Workloads.ownsPods(key) || Workloads.isPod(key)) {
          starts.putIfAbsent("pods/" + ns, () -> pods(ns));
        }
        if (Workloads.isDeployment(key)) {
          starts.putIfAbsent("replicasets/" + ns, () -> replicaSets(ns));
        }
      }
    }
    // Each start blocks until its informer has synced; failures are remembered by start() and
    // the loop tries again later.
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, Math.max(1, starts.size())));
    try {
      CompletableFuture.allOf(
              starts.values().stream()
                  .map(start -> CompletableFuture.runAsync(start, pool).exceptionally(e -> null))
                  .toArray(CompletableFuture[]::new))
          .join();
    } finally {
      pool.shutdownNow();
    }
  }

  private static String objectsKey(ResourceKey key) {
    return key.apiVersion() + "/" + key.kind() + "/" + key.namespace();
  }

  /** The object as last seen, or null when absent (or its kind cannot be watched yet). */
  GenericKubernetesResource get(ResourceKey key) {
    String informerKey = objectsKey(key);
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

  /** Pods of the namespace. */
  List<Pod> pods(String namespace) {
    return namespace == null
        ? List.of()
        : all("pods", namespace, () -> client.pods().inNamespace(namespace));
  }

  /** Those of the pods carrying all the selector's labels, by name. */
  static List<Pod> matching(List<Pod> pods, Map<String, String> selector) {
    if (selector.isEmpty()) {
      return List.of(); // an empty selector would match every pod of the namespace
    }
    List<Pod> matching = new ArrayList<>();
    for (Pod pod : pods) {
      Map<String, String> labels = pod.getMetadata().getLabels();
      if (labels != null && labels.entrySet().containsAll(selector.entrySet())) {
        matching.add(pod);
      }
    }
    matching.sort(Comparator.comparing(p -> p.getMetadata().getName()));
    return matching;
  }

  /** ReplicaSets of the namespace: they tell a Deployment's new pods from its old ones. */
  List<ReplicaSet> replicaSets(String namespace) {
    return namespace == null
        ? List.of()
        : all("replicasets", namespace, () -> client.apps().replicaSets().inNamespace(namespace));
  }

  /** Events of the namespace (core/v1: what kubectl describe shows). */
  List<Event> events(String namespace) {
    return namespace == null
        ? List.of()
        : all("events", namespace, () -> client.v1().events().inNamespace(namespace));
  }

  /** Everything of one kind in a namespace, from one informer shared by all tracked items. */
  @SuppressWarnings("unchecked")
  private <T extends HasMetadata> List<T> all(
      String kind, String namespace, Supplier<? extends Informable<T>> resources) {
    String informerKey = kind + "/" + namespace;
    SharedIndexInformer<T> informer = (SharedIndexInformer<T>) namespaced.get(informerKey);
    if (informer == null && mayStart(informerKey)) {
      informer = start(informerKey, () -> resources.get().inform(notify, 0));
      if (informer != null) {
        namespaced.put(informerKey, informer);
      }
    }
    return informer == null ? List.of() : informer.getStore().list();
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
    namespaced.values().forEach(SharedIndexInformer::stop);
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
