package dev.converge.api.auth;

import dev.converge.api.error.ForbiddenException;
import java.util.List;
import java.util.Optional;

/**
 * The authenticated caller of this request and its reach. Deny by default: an empty list grants
 * nothing, {@code "*"} grants everything.
 */
public record Caller(String name, List<String> contexts, List<String> namespaces) {
  public static final String ATTRIBUTE = "dev.converge.api.auth.Caller";
  private static final String ANY = "*";

  public Caller {
    contexts = List.copyOf(contexts);
    namespaces = List.copyOf(namespaces);
  }

  public boolean mayTouch(String context, String namespace) {
    return grants(contexts, context) && grants(namespaces, namespace);
  }

  /** Throws 403 before anything is started or read. */
  public void require(String context, String namespace) {
    if (!grants(contexts, context)) {
      throw new ForbiddenException("token " + name + " may not use kube context " + context);
    }
    if (!grants(namespaces, namespace)) {
      throw new ForbiddenException("token " + name + " may not touch namespace " + namespace);
    }
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
