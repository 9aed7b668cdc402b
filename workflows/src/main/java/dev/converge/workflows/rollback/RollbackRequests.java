package dev.converge.workflows.rollback;

import dev.converge.workflows.model.Fields;
import dev.converge.workflows.model.RequestParser;
import java.util.Set;

/** Strict parsing of a rollback request. */
public final class RollbackRequests {
  private static final Set<String> KEYS =
      Set.of("release", "namespace", "kubeContext", "revision", "timeoutSeconds");

  private RollbackRequests() {}

  public static RollbackRequest parse(Object raw) {
    Fields f = Fields.of(raw, KEYS);
    String release = f.requiredString("release");
    String namespace = f.requiredString("namespace");
    String context = f.optionalString("kubeContext");
    RequestParser.checkNames(f, release, namespace, context);
    Integer revision = f.integer("revision");
    if (revision != null && revision < 0) {
      f.problem(
          "revision",
          "must be a revision number (0 or none: the one before the last), got " + revision);
    }
    Integer timeout = f.integer("timeoutSeconds");
    RequestParser.checkTimeout(f, timeout);
    f.check();
    return new RollbackRequest(
        release,
        namespace,
        context,
        revision == null ? 0 : revision,
        timeout == null ? 0 : timeout);
  }
}
