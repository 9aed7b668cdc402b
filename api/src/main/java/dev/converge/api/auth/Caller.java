package dev.converge.api.auth;

import dev.converge.api.error.ForbiddenException;
import dev.converge.api.error.InvalidParameterException;
import dev.converge.workflows.model.ValuesSource;
import dev.converge.workflows.values.HelmSetParser;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The authenticated caller of this request and its reach. Deny by default: an empty list grants
 * nothing, {@code "*"} grants everything.
 *
 * @param fourEyes this token may not approve a plan of a converge it started
 */
public record Caller(
    String name,
    List<String> contexts,
    List<String> namespaces,
    List<String> charts,
    List<String> registries,
    boolean fourEyes) {
  private static final String ANY = "*";
  private static final String ARCHIVE = "archive:";

  public Caller {
    contexts = List.copyOf(contexts);
    namespaces = List.copyOf(namespaces);
    charts = charts == null ? List.of() : List.copyOf(charts);
    registries = registries == null ? List.of() : List.copyOf(registries);
  }

  public Caller(
      String name,
      List<String> contexts,
      List<String> namespaces,
      List<String> charts,
      List<String> registries) {
    this(name, contexts, namespaces, charts, registries, false);
  }

  /** Four eyes: a plan is approved by another token than the one that started its converge. */
  public void requireMayApprove(String workflowId, String startedBy) {
    if (fourEyes && name.equals(startedBy)) {
      throw new ForbiddenException(
          "token "
              + name
              + " started "
              + workflowId
              + " and may not approve its plan (four-eyes approval):"
              + " another token approves it; this one may still reject it");
    }
  }

  /**
   * Throws 403 unless this token may write {@code target}: an {@code oci://host/repository} under
   * one of its {@code registries} ({@code oci://registry/team} allows {@code
   * oci://registry/team/app}), or an {@code archive:path} under one of them ({@code archive:dist}).
   */
  public void requireRegistry(String field, String target) {
    if (!mayUse(registries, target)) {
      throw new ForbiddenException("token " + name + " may not write " + field + " " + target);
    }
  }

  /**
   * Throws 403 unless the chart source and every file the request reads lie under a source this
   * token may use: {@code examples/shop} allows {@code examples/shop/values-prod.yaml}, {@code
   * oci://registry/charts} allows {@code oci://registry/charts/app:1.0}. Paths are compared after
   * normalisation; one that climbs out with {@code ..} or is absolute never matches.
   *
   * @param files (field, path) of values files and set-files
   */
  public void requireChartSources(String chart, List<Map.Entry<String, String>> files) {
    if (!mayUseSource(chart)) {
      throw new ForbiddenException("token " + name + " may not deploy chart " + chart);
    }
    for (var file : files) {
      if (!mayUseSource(file.getValue())) {
        throw new ForbiddenException(
            "token " + name + " may not read " + file.getKey() + " " + file.getValue());
      }
    }
  }

  /** The same for a request's chart and the files its values read: values files and set-files. */
  public void requireChartSources(String chart, ValuesSource request) {
    List<Map.Entry<String, String>> files = new ArrayList<>();
    for (int i = 0; i < request.valuesFiles().size(); i++) {
      files.add(Map.entry("valuesFiles[" + i + "]", request.valuesFiles().get(i)));
    }
    for (int i = 0; i < request.setFile().size(); i++) {
      String field = "setFile[" + i + "]";
      // Read by the same parser the render uses: "x=a,y=b" names two files, and both are checked.
      try {
        HelmSetParser.parseFileInto(
            request.setFile().get(i),
            new HashMap<>(),
            path -> {
              files.add(Map.entry(field, path));
              return "";
            });
      } catch (IllegalArgumentException malformed) {
        throw new InvalidParameterException(
            field, "not a key=path list (" + malformed.getMessage() + ")");
      }
    }
    requireChartSources(chart, files);
  }

  private boolean mayUseSource(String source) {
    return mayUse(charts, source);
  }

  private static boolean mayUse(List<String> grants, String source) {
    if (grants.contains(ANY)) {
      return true;
    }
    String normal = normalise(source);
    if (normal == null) {
      return false;
    }
    for (String allowed : grants) {
      String base = normalise(allowed);
      if (base != null
          && (normal.equals(base)
              || normal.startsWith(base + "/")
              || base.startsWith("oci://")
                  && (normal.startsWith(base + ":") || normal.startsWith(base + "@")))) {
        return true;
      }
    }
    return false;
  }

  private static String normalise(String source) {
    if (source == null || source.isBlank()) {
      return null;
    }
    if (source.startsWith(ARCHIVE)) {
      String path = normalise(source.substring(ARCHIVE.length()));
      return path == null || path.startsWith("oci://") ? null : ARCHIVE + path;
    }
    if (source.startsWith("oci://")) {
      return source.contains("/../") || source.endsWith("/..")
          ? null
          : source.replaceAll("/+$", "");
    }
    try {
      Path path = Path.of(source).normalize();
      if (path.isAbsolute() || path.startsWith("..")) {
        return null;
      }
      return path.toString();
    } catch (InvalidPathException e) {
      return null;
    }
  }

  public boolean mayTouch(String context, String namespace) {
    return grants(contexts, context) && grants(namespaces, namespace);
  }

  /** Throws 403 before anything is started or read. */
  public void require(String context, String namespace) {
    Optional<String> refusal = refusal(context, namespace);
    if (refusal.isPresent()) {
      throw new ForbiddenException(refusal.get());
    }
  }

  /** Why this caller may not touch {@code namespace} in {@code context}; empty when it may. */
  public Optional<String> refusal(String context, String namespace) {
    if (!grants(contexts, context)) {
      return Optional.of("token " + name + " may not use kube context " + context);
    }
    if (!grants(namespaces, namespace)) {
      return Optional.of("token " + name + " may not touch namespace " + namespace);
    }
    return Optional.empty();
  }

  /** Limited to no kube context or namespace: what every release may see, such a token may see. */
  public boolean unlimited() {
    return namespaceLimit().isEmpty() && contextLimit().isEmpty();
  }

  /** The namespaces this caller is limited to, or empty when it may see all of them. */
  public Optional<List<String>> namespaceLimit() {
    return namespaces.contains(ANY) ? Optional.empty() : Optional.of(namespaces);
  }

  /** The kube contexts this caller is limited to, or empty when it may see all of them. */
  public Optional<List<String>> contextLimit() {
    return contexts.contains(ANY) ? Optional.empty() : Optional.of(contexts);
  }

  private static boolean grants(List<String> allowed, String value) {
    return allowed.contains(ANY) || allowed.contains(value);
  }
}
