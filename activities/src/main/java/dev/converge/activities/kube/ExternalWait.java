package dev.converge.activities.kube;

import dev.converge.workflows.contract.ExternalDependency;
import dev.converge.workflows.model.ResourceKey;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Waits for an object outside the release to exist (docs/semantics.md#dependencies). */
final class ExternalWait {
  private final KubernetesClient client;
  private final Runnable heartbeat;

  ExternalWait(KubernetesClient client, Runnable heartbeat) {
    this.client = client;
    this.heartbeat = heartbeat;
  }

  void await(ResourceKey waiter, ExternalDependency dep, int timeoutSeconds) {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    while (true) {
      ResourceDefinitionContext type = resolve(dep);
      if (type != null && exists(type, dep)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw ApplicationFailure.newNonRetryableFailure(
            waiter.display()
                + ": external dependency "
                + dep.id()
                + " ("
                + dep.kind()
                + "/"
                + dep.name()
                + (type == null
                    ? ", a type the API server does not serve"
                    : " in namespace " + dep.namespace())
                + ") did not appear within "
                + timeoutSeconds
                + "s",
            "ApplyRejected");
      }
      heartbeat.run();
      Applier.sleep(1000);
    }
  }

  private boolean exists(ResourceDefinitionContext type, ExternalDependency dep) {
    var resources = client.genericKubernetesResources(type);
    return (type.isNamespaceScoped() ? resources.inNamespace(dep.namespace()) : resources)
            .withName(dep.name())
            .get()
        != null;
  }

  /**
   * Finds the served type by discovery: kind or plural, any case, optionally pinned to version and
   * group.
   */
  private ResourceDefinitionContext resolve(ExternalDependency dep) {
    String wanted = dep.kind().toLowerCase(Locale.ROOT);
    for (String groupVersion : groupVersions(dep)) {
      APIResourceList list;
      try {
        list = client.getApiResources(groupVersion);
      } catch (KubernetesClientException e) {
        continue;
      }
      if (list == null) {
        continue;
      }
      for (APIResource r : list.getResources()) {
        if (!r.getName().contains("/")
            && (r.getKind().toLowerCase(Locale.ROOT).equals(wanted)
                || r.getName().equals(wanted))) {
          String group =
              groupVersion.contains("/")
                  ? groupVersion.substring(0, groupVersion.indexOf('/'))
                  : "";
          String version = groupVersion.substring(groupVersion.indexOf('/') + 1);
          return new ResourceDefinitionContext.Builder()
              .withGroup(group)
              .withVersion(version)
              .withKind(r.getKind())
              .withPlural(r.getName())
              .withNamespaced(r.getNamespaced())
              .build();
        }
      }
    }
    return null;
  }

  private List<String> groupVersions(ExternalDependency dep) {
    if (dep.version() != null) {
      return List.of(
          dep.group() == null || dep.group().isEmpty()
              ? dep.version()
              : dep.group() + "/" + dep.version());
    }
    return client.getApiGroups().getGroups().stream()
        .flatMap(g -> g.getVersions().stream().map(v -> v.getGroupVersion()))
        .collect(
            Collectors.collectingAndThen(
                Collectors.toList(),
                l -> {
                  l.add(0, "v1");
                  return l;
                }));
  }
}
