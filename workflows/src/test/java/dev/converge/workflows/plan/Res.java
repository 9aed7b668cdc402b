package dev.converge.workflows.plan;

import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceMeta;
import java.util.HashMap;
import java.util.Map;

/** Tiny builder for a rendered resource's metadata, as the render activity describes it. */
final class Res {
  static final String NS = "shop";
  private final ResourceKey key;
  private final Map<String, String> annotations = new HashMap<>();
  private String source;
  private boolean fromCrdsDir;
  private Integer replicas;

  private Res(String apiVersion, String kind, String namespace, String name) {
    this.key = new ResourceKey(apiVersion, kind, namespace, name);
    this.source = "shop/templates/" + name + ".yaml";
  }

  static Res of(String apiVersion, String kind, String name) {
    return new Res(apiVersion, kind, NS, name);
  }

  static Res clusterScoped(String apiVersion, String kind, String name) {
    return new Res(apiVersion, kind, null, name);
  }

  static Res configMap(String name) {
    return of("v1", "ConfigMap", name);
  }

  static Res deployment(String name) {
    return of("apps/v1", "Deployment", name);
  }

  static Res job(String name) {
    return of("batch/v1", "Job", name);
  }

  Res ann(String name, String value) {
    annotations.put(name, value);
    return this;
  }

  Res source(String source) {
    this.source = source;
    return this;
  }

  Res fromCrdsDir() {
    this.fromCrdsDir = true;
    this.source = "shop/crds/" + key.name() + ".yaml";
    return this;
  }

  Res replicas(int replicas) {
    this.replicas = replicas;
    return this;
  }

  ResourceMeta meta() {
    return new ResourceMeta(
        key, source, annotations, fromCrdsDir, "sha256:" + key.name(), replicas);
  }
}
