package dev.converge.workflows.model;

import java.util.Map;

/**
 * What the deterministic side needs to know of one rendered manifest. The manifest itself stays in
 * the bundle store.
 *
 * @param source template path as Helm reports it ({@code chart/templates/x.yaml})
 * @param annotations all annotations of the manifest
 * @param fromCrdsDir true for files of a chart's {@code crds/} directory
 * @param replicas {@code spec.replicas} when the manifest has one, else null
 * @param digest digest of the parsed object as canonical JSON. Hooks have the same digest whether
 *     read from a render or from a stored revision; objects of a stored release manifest are Helm's
 *     raw text (before namespace defaulting and stringData folding), so compare those through the
 *     manifest digest instead
 */
public record ResourceMeta(
    ResourceKey key,
    String source,
    Map<String, String> annotations,
    boolean fromCrdsDir,
    String digest,
    Integer replicas) {

  public ResourceMeta {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  public String annotation(String name) {
    return annotations.get(name);
  }
}
