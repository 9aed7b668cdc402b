package dev.converge.worker;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code converge.*} properties of the worker.
 *
 * @param bundleDir where rendered bundles are kept; every worker of one deployment must see the
 *     same directory (one host, or a shared volume), because a step may run on another worker
 *     than the render
 * @param bundleRetention bundles older than this are deleted at start (default 7 days)
 * @param chartsDir base for relative chart paths in requests
 * @param registries how OCI registries are reached: credentials, plain HTTP
 * @param kubeContexts the only kube contexts requests may name
 */
@ConfigurationProperties("converge")
public record WorkerSettings(
    Path bundleDir, java.time.Duration bundleRetention, Path chartsDir, Registries registries, Map<String, KubeContext> kubeContexts) {

  /**
   * @param kubeconfig file; empty means KUBECONFIG / ~/.kube/config
   * @param context context in that file; empty means its current one
   */
  /**
   * @param dockerConfig a Docker config.json with credentials ({@code auths}, helpers); empty: none
   * @param plainHttp registries ({@code host:port}) spoken to over plain HTTP, e.g. a local one
   * @param hosts per registry ({@code host:port}): {@code plain-http}, {@code username}, {@code password}
   */
  public record Registries(Path dockerConfig, java.util.List<String> plainHttp, Map<String, RegistryHost> hosts) {}

  public record RegistryHost(boolean plainHttp, String username, String password) {}

  public record KubeContext(String kubeconfig, String context) {}
}
