package dev.converge.cluster;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The client configuration of a kube context as worker and API both configure it. */
public final class KubeConfigs {
  private KubeConfigs() {}

  /**
   * @param kubeconfig a kubeconfig file; null or blank: the usual places ({@code KUBECONFIG},
   *     {@code ~/.kube/config}, in-cluster)
   * @param context a context of that file; null or blank: its current context
   */
  public static Config load(String kubeconfig, String context) {
    String name = context == null || context.isBlank() ? null : context;
    if (kubeconfig == null || kubeconfig.isBlank()) {
      return Config.autoConfigure(name);
    }
    try {
      String text = Files.readString(Path.of(kubeconfig));
      return name == null
          ? Config.fromKubeconfig(text)
          : Config.fromKubeconfig(name, text, kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
    }
  }
}
