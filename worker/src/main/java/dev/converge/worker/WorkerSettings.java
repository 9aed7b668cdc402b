package dev.converge.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code converge.*} properties of the worker.
 *
 * @param manifestStore {@code oci://host/repository} where rendered manifests are shared by every
 *     worker of the deployment (steps of one converge may run on different hosts); empty: this
 *     worker's {@code manifestDir} only (one host)
 * @param manifestDir this worker's manifest cache (with a {@code manifestStore}), or the store
 *     itself
 * @param manifestRetention cached manifests older than this are deleted at start (default 7 days)
 * @param chartsDir base for relative chart paths in requests
 * @param registries how OCI registries are reached: credentials, plain HTTP
 * @param kubeContexts the only kube contexts requests may name
 * @param tenancy whom each run acts as in the cluster (docs/tenancy.md)
 */
@ConfigurationProperties("converge")
public record WorkerSettings(
    String manifestStore,
    Path manifestDir,
    Duration manifestRetention,
    Path chartsDir,
    Registries registries,
    Map<String, KubeContext> kubeContexts,
    Tenancy tenancy) {

  /**
   * @param kubeconfig file; empty means KUBECONFIG / ~/.kube/config
   * @param context context in that file; empty means its current one
   */
  /**
   * @param dockerConfig a Docker config.json with credentials ({@code auths}, helpers); empty: none
   * @param plainHttp registries ({@code host:port}) spoken to over plain HTTP, e.g. a local one
   * @param hosts per registry ({@code host:port}): {@code plain-http}, {@code username}, {@code
   *     password}
   */
  public record Registries(
      Path dockerConfig, List<String> plainHttp, Map<String, RegistryHost> hosts) {}

  public record RegistryHost(boolean plainHttp, String username, String password) {}

  public record KubeContext(String kubeconfig, String context) {}

  /**
   * @param mode {@code tenant} (each run impersonates its namespace's deployer) or {@code
   *     single-tenant} (each run acts as the worker itself; an explicit opt-in)
   * @param serviceAccount the deployer ServiceAccount's name in each release namespace
   * @param createNamespaces the worker's own identity creates missing release namespaces
   * @param overrides other deployers for given namespaces
   */
  public record Tenancy(
      String mode,
      String serviceAccount,
      boolean createNamespaces,
      List<TenancyOverride> overrides) {}

  public record TenancyOverride(
      String kubeContext,
      String namespace,
      String serviceAccountNamespace,
      String serviceAccount,
      boolean createNamespace) {}
}
