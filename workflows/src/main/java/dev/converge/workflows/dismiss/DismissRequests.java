package dev.converge.workflows.dismiss;

import dev.converge.workflows.model.Fields;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.model.RequestParser;
import java.util.Set;

/** Strict parsing of a dismiss request, with a converge's rules for names and timeouts. */
public final class DismissRequests {
  private static final Set<String> KEYS =
      Set.of("release", "namespace", "kubeContext", "deleteNamespace", "timeoutSeconds");

  private DismissRequests() {}

  public static DismissRequest parse(Object raw) {
    Fields f = Fields.of(raw, KEYS);
    ReleaseTarget target = RequestParser.target(f);
    Boolean deleteNamespace = f.bool("deleteNamespace");
    Integer timeout = f.integer("timeoutSeconds");
    RequestParser.checkTimeout(f, timeout);
    f.check();
    return new DismissRequest(
        target.release(),
        target.namespace(),
        target.kubeContext(),
        Boolean.TRUE.equals(deleteNamespace),
        timeout == null ? 0 : timeout);
  }
}
