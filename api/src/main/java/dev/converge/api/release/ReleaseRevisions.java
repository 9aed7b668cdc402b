package dev.converge.api.release;

import dev.converge.api.error.NotFoundException;
import dev.converge.api.error.UnavailableException;
import dev.converge.cluster.KubeConfigs;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/** Reads a release's Helm v3 Secrets ({@code owner=helm,name=<release>}), labels only. */
@Service
@EnableConfigurationProperties(ApiKubeContexts.class)
public class ReleaseRevisions implements AutoCloseable {
  private final Map<String, ApiKubeContexts.Context> contexts;
  private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

  public ReleaseRevisions(ApiKubeContexts config) {
    this.contexts = config.kubeContexts();
  }

  public ReleaseView revisions(String kubeContext, String namespace, String release) {
    List<Secret> secrets;
    try {
      secrets =
          client(kubeContext)
              .secrets()
              .inNamespace(namespace)
              .withLabels(Map.of("owner", "helm", "name", release))
              .list()
              .getItems();
    } catch (KubernetesClientException e) {
      throw new UnavailableException(
          "cannot read releases in "
              + namespace
              + " (kube context "
              + kubeContext
              + "): "
              + e.getMessage(),
          e);
    }
    if (secrets.isEmpty()) {
      throw new NotFoundException(
          "no release "
              + release
              + " in namespace "
              + namespace
              + " (kube context "
              + kubeContext
              + ")");
    }
    List<Revision> revisions =
        secrets.stream()
            .map(ReleaseRevisions::revision)
            .sorted(Comparator.comparingInt(Revision::revision).reversed())
            .toList();
    return new ReleaseView(release, namespace, kubeContext, revisions);
  }

  private static Revision revision(Secret secret) {
    Map<String, String> labels = secret.getMetadata().getLabels();
    String created = secret.getMetadata().getCreationTimestamp();
    return new Revision(
        parseInt(labels.get("version")),
        labels.get("status"),
        epochSeconds(labels.get("modifiedAt")),
        created == null ? null : Instant.parse(created),
        secret.getMetadata().getName());
  }

  private KubernetesClient client(String kubeContext) {
    ApiKubeContexts.Context context = contexts.get(kubeContext);
    if (context == null) {
      throw new NotFoundException(
          "kube context "
              + kubeContext
              + " is not configured on this API (configured: "
              + String.join(", ", contexts.keySet())
              + ")");
    }
    return clients.computeIfAbsent(
        kubeContext, name -> new KubernetesClientBuilder().withConfig(load(context)).build());
  }

  private static Config load(ApiKubeContexts.Context context) {
    return KubeConfigs.load(context.kubeconfig(), context.context());
  }

  private static int parseInt(String text) {
    try {
      return text == null ? 0 : Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Instant epochSeconds(String text) {
    try {
      return text == null ? null : Instant.ofEpochSecond(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  @Override
  public void close() {
    clients.values().forEach(KubernetesClient::close);
  }
}
