package dev.converge.activities.kube;

import dev.converge.cluster.KubeConfigs;
import dev.converge.workflows.model.ReleaseTarget;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Kubernetes clients by kube context name and run identity. Only contexts from the worker's own
 * configuration are reachable: a request can name a context, never bring one. {@link #apply} gives
 * the client a run acts through: in tenant mode it impersonates the release namespace's deployer
 * (RunIdentities), so the cluster's RBAC confines everything the run reads and writes.
 */
public final class KubeClients implements Function<ReleaseTarget, KubernetesClient>, AutoCloseable {
  private final Map<String, ContextConfig> contexts;
  private final RunIdentities identities;

  /** By context and impersonated user ("" for the worker's own identity). */
  private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

  /**
   * @param kubeconfig file to read; null: the usual KUBECONFIG / ~/.kube/config
   * @param context context inside that file; null: its current context
   */
  public record ContextConfig(String kubeconfig, String context) {}

  /** What the Helm render needs to reach the cluster as the run's identity. */
  public record RenderTarget(ContextConfig config, String impersonate) {}

  public KubeClients(Map<String, ContextConfig> contexts, RunIdentities identities) {
    this.contexts = Map.copyOf(contexts);
    this.identities = identities;
  }

  /** Only {@code default}: the worker's ambient kubeconfig, single-tenant. */
  public static KubeClients ambient() {
    return new KubeClients(
        Map.of("default", new ContextConfig(null, null)), RunIdentities.singleTenant());
  }

  /** Tests: one ready client under {@code default}, single-tenant. */
  public static KubeClients of(KubernetesClient client) {
    return of(client, RunIdentities.singleTenant());
  }

  /**
   * Tests: one ready client under {@code default} for every identity (no impersonation on a mock).
   */
  public static KubeClients of(KubernetesClient client, RunIdentities identities) {
    KubeClients clients = new KubeClients(Map.of(), identities);
    clients.clients.put(key("default", null), client);
    return clients;
  }

  public RunIdentities identities() {
    return identities;
  }

  public RunIdentities.Identity identity(ReleaseTarget target) {
    return identities.resolve(target.kubeContext(), target.namespace());
  }

  /**
   * Where the run's context is and whom to impersonate, for tools that talk to the cluster
   * themselves (the Helm render); empty for a client handed in ready-made (tests).
   */
  public Optional<RenderTarget> renderTarget(ReleaseTarget target) {
    ContextConfig config = contexts.get(target.kubeContext());
    if (config == null && !clients.containsKey(key(target.kubeContext(), null))) {
      throw unknown(target.kubeContext());
    }
    return Optional.ofNullable(config).map(c -> new RenderTarget(c, identity(target).user()));
  }

  /** The client a run acts through: its identity's. */
  @Override
  public KubernetesClient apply(ReleaseTarget target) {
    return client(target.kubeContext(), identity(target).user());
  }

  /** The worker's own identity: only for what the worker does itself (namespace checks). */
  public KubernetesClient own(String context) {
    return client(context, null);
  }

  private KubernetesClient client(String context, String user) {
    KubernetesClient ready = clients.get(key(context, user));
    if (ready != null) {
      return ready;
    }
    ContextConfig config = contexts.get(context);
    if (config == null) {
      if (clients.containsKey(key(context, null))) {
        return clients.get(key(context, null)); // tests: one ready client, no impersonation
      }
      throw unknown(context);
    }
    return clients.computeIfAbsent(
        key(context, user),
        k -> {
          Config loaded = load(config);
          if (user != null) {
            // The API server adds the ServiceAccount's groups itself; the worker needs only the
            // impersonate verb on that ServiceAccount.
            loaded.setImpersonateUsername(user);
          }
          return new KubernetesClientBuilder()
              .withConfig(loaded)
              .withHttpClientFactory(NativeTls.factory(loaded))
              .withKubernetesSerialization(KubeSerialization.SHARED)
              .build();
        });
  }

  private static String key(String context, String user) {
    return context + "\n" + (user == null ? "" : user);
  }

  private ApplicationFailure unknown(String context) {
    return ApplicationFailure.newNonRetryableFailure(
        "kube context '"
            + context
            + "' is not configured on this worker (configured: "
            + String.join(", ", contexts.keySet())
            + ")",
        "UnknownKubeContext");
  }

  private static Config load(ContextConfig config) {
    return KubeConfigs.load(config.kubeconfig(), config.context());
  }

  @Override
  public void close() {
    clients.values().forEach(KubernetesClient::close);
  }
}
