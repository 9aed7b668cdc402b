package dev.converge.api.release;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code converge.kube-contexts.<name>.kubeconfig/context}, the same shape as the worker's: the API
 * reads release records only from clusters named here.
 */
@ConfigurationProperties("converge")
public record ApiKubeContexts(Map<String, Context> kubeContexts) {
  public ApiKubeContexts {
    kubeContexts = kubeContexts == null ? Map.of() : Map.copyOf(kubeContexts);
  }

  /**
   * @param kubeconfig file; empty means KUBECONFIG / ~/.kube/config
   * @param context context in that file; empty means its current one
   */
  public record Context(String kubeconfig, String context) {}
}
