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
 * on first use. Each change wakes the loop. The informers come from a {@link SharedInformers}: the
 * worker's, shared with other trackings of the same client, or one of this view's own.
 */
final class ClusterView implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterView.class);
  private static final Duration RETRY_START = Duration.ofSeconds(5);

  private final KubernetesClient client;
  private final ResourceEventHandler<Object> notify;
  private final SharedInformers informers;
  private final boolean ownInformers;
  // Concurrent: prestart fills them from several threads, the loop reads them afterwards.
  private final Map<String, SharedInformers.Lease<GenericKubernetesResource>> objects =
      new ConcurrentHashMap<>();
  private final Map<String, SharedInformers.Lease<? extends HasMetadata>> namespaced =
      new ConcurrentHashMap<>();
  private final Map<String, Instant> failedStarts = new ConcurrentHashMap<>();

  /** The last state of tracked-kind objects deleted while this view watched, by uid. */
  private final Map<String, GenericKubernetesResource> deleted = new ConcurrentHashMap<>();

  /**
   * @param shared the worker's informers to share, or null for informers of this view alone
   *     (started now, stopped on close)
   */
  ClusterView(KubernetesClient client, Runnable onChange, SharedInformers shared) {
    this.client = client;
    this.notify = new Notify(onChange, deleted);
    this.ownInformers = shared == null;
    this.informers = shared != null ? shared : new SharedInformers(Duration.ZERO);
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
    SharedInformers.Lease<GenericKubernetesResource> lease = objects.get(informerKey);
    if (lease == null && mayStart(informerKey)) {
      lease = start(informerKey, () -> objectsOf(key));
      if (lease != null) {
        objects.put(informerKey, lease);
      }
    }
    return lease == null
        ? null
        : lease.informer().getStore().getByKey(Cache.namespaceKeyFunc(key.namespace(), key.name()));
  }

  /**
   * The object of this uid as it was when deleted while watched, or null. A Job with
   * ttlSecondsAfterFinished 0 (ingress-nginx's admission hooks) is gone a moment after it
   * completes: its last state still says whether it did.
   */
  GenericKubernetesResource deleted(String uid) {
    return uid == null ? null : deleted.get(uid);
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
    SharedInformers.Lease<T> lease = (SharedInformers.Lease<T>) namespaced.get(informerKey);
    if (lease == null && mayStart(informerKey)) {
      lease = start(informerKey, () -> resources.get().runnableInformer(0));
      if (lease != null) {
        namespaced.put(informerKey, lease);
      }
    }
    return lease == null ? List.of() : lease.informer().getStore().list();
  }

  private SharedIndexInformer<GenericKubernetesResource> objectsOf(ResourceKey key) {
    var resources = client.genericKubernetesResources(key.apiVersion(), key.kind());
    return key.namespace() == null
        ? resources.runnableInformer(0)
        : resources.inNamespace(key.namespace()).runnableInformer(0);
  }

  private boolean mayStart(String informerKey) {
    Instant failed = failedStarts.get(informerKey);
    return failed == null || Instant.now().isAfter(failed.plus(RETRY_START));
  }

  /** A kind whose CRD is not there yet cannot be watched; the item waits and we retry later. */
  private <T> SharedInformers.Lease<T> start(
      String informerKey, Supplier<SharedIndexInformer<T>> create) {
    try {
      SharedInformers.Lease<T> lease = informers.acquire(client, informerKey, create, notify);
      failedStarts.remove(informerKey);
      return lease;
    } catch (RuntimeException e) {
      LOG.warn("cannot watch {} yet: {}", informerKey, e.getMessage());
      failedStarts.put(informerKey, Instant.now());
      return null;
    }
  }

  @Override
  public void close() {
    objects.values().forEach(SharedInformers.Lease::close);
    namespaced.values().forEach(SharedInformers.Lease::close);
    if (ownInformers) {
      informers.close();
    }
  }

  /** A class, not a record: a shared informer removes a tracking's handler by identity. */
  private static final class Notify implements ResourceEventHandler<Object> {
    private final Runnable onChange;
    private final Map<String, GenericKubernetesResource> deleted;

    Notify(Runnable onChange, Map<String, GenericKubernetesResource> deleted) {
      this.onChange = onChange;
      this.deleted = deleted;
    }

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
      // generic: the tracked kinds; pods, ReplicaSets and events are typed and not needed here
      if (obj instanceof GenericKubernetesResource object
          && object.getMetadata() != null
          && object.getMetadata().getUid() != null) {
        deleted.put(object.getMetadata().getUid(), object);
      }
      onChange.run();
    }
  }
}
