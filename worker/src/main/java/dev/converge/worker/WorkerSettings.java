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
 * @param plainHttpRegistries OCI registries reached over plain HTTP (local stack)
 * @param kubeContexts the only kube contexts requests may name
 */
@ConfigurationProperties("converge")
public record WorkerSettings(
    Path bundleDir, java.time.Duration bundleRetention, Path chartsDir, boolean plainHttpRegistries, Map<String, KubeContext> kubeContexts) {

  /**
   * @param kubeconfig file; empty means KUBECONFIG / ~/.kube/config
   * @param context context in that file; empty means its current one
   */
  public record KubeContext(String kubeconfig, String context) {}
}
