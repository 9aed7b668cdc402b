package dev.converge.activities.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Kubernetes clients by kube context name. Only contexts from the worker's own configuration are
 * reachable: a request can name a context, never bring one.
 */
public final class KubeClients implements Function<String, KubernetesClient>, AutoCloseable {
  private final Map<String, ContextConfig> contexts;
  private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

  /**
   * @param kubeconfig file to read; null: the usual KUBECONFIG / ~/.kube/config
   * @param context context inside that file; null: its current context
   */
  public record ContextConfig(String kubeconfig, String context) {}

  public KubeClients(Map<String, ContextConfig> contexts) {
    this.contexts = Map.copyOf(contexts);
  }

  /** Only {@code default}: the worker's ambient kubeconfig. */
  public static KubeClients ambient() {
    return new KubeClients(Map.of("default", new ContextConfig(null, null)));
  }

  /** Tests: one ready client under {@code default}. */
  public static KubeClients of(KubernetesClient client) {
    KubeClients clients = new KubeClients(Map.of());
    clients.clients.put("default", client);
    return clients;
  }

  /**
   * Where the named context's kubeconfig is, for tools that talk to the cluster themselves (the
   * Helm render); empty for a client handed in ready-made (tests).
   */
  public java.util.Optional<ContextConfig> config(String context) {
    ContextConfig config = contexts.get(context);
    if (config == null && !clients.containsKey(context)) {
      throw unknown(context);
    }
    return java.util.Optional.ofNullable(config);
  }

  private ApplicationFailure unknown(String context) {
    return ApplicationFailure.newNonRetryableFailure(
        "kube context '" + context + "' is not configured on this worker (configured: " + String.join(", ", contexts.keySet()) + ")",
        "UnknownKubeContext");
  }

  @Override
  public KubernetesClient apply(String context) {
    KubernetesClient ready = clients.get(context);
    if (ready != null) {
      return ready;
    }
    ContextConfig config = contexts.get(context);
    if (config == null) {
      throw unknown(context);
    }
    return clients.computeIfAbsent(context, c -> new KubernetesClientBuilder().withConfig(load(config)).build());
  }

  private static Config load(ContextConfig config) {
    if (config.kubeconfig() == null) {
      return Config.autoConfigure(config.context());
    }
    try {
      String text = Files.readString(Path.of(config.kubeconfig()));
      return config.context() == null ? Config.fromKubeconfig(text) : Config.fromKubeconfig(config.context(), text, config.kubeconfig());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kubeconfig " + config.kubeconfig(), e);
    }
  }

  @Override
  public void close() {
    clients.values().forEach(KubernetesClient::close);
  }
}
