package dev.converge.api.converge;

import dev.converge.api.auth.Caller;
import dev.converge.api.error.ForbiddenException;
import dev.converge.api.error.InvalidParameterException;
import dev.converge.workflows.model.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The list endpoint's parameters, checked, and the Temporal visibility query they make. Values are
 * refused unless they look like Kubernetes names, so nothing a caller sends can change the query's
 * shape; a caller limited to some namespaces or contexts only ever sees runs inside them.
 */
public record RunFilter(
    String release, String namespace, String outcome, int limit, Caller caller) {
  public static final int MAX_LIMIT = 500;
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  public RunFilter {
    check("release", release);
    check("namespace", namespace);
    if (outcome != null
        && Arrays.stream(Outcome.values()).noneMatch(o -> o.name().equals(outcome))) {
      throw new InvalidParameterException("outcome", "one of " + Arrays.toString(Outcome.values()));
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidParameterException("limit", "between 1 and " + MAX_LIMIT);
    }
    if (namespace != null
        && caller != null
        && caller.namespaceLimit().map(l -> !l.contains(namespace)).orElse(false)) {
      throw new ForbiddenException(
          "token " + caller.name() + " may not touch namespace " + namespace);
    }
  }

  /** Empty when the caller's limits leave nothing to see. */
  public Optional<String> query() {
    List<String> terms = new ArrayList<>(List.of("WorkflowType = 'ConvergeWorkflow'"));
    if (release != null) {
      terms.add("ConvergeRelease = '" + release + "'");
    }
    if (namespace != null) {
      terms.add("ConvergeNamespace = '" + namespace + "'");
    }
    if (outcome != null) {
      terms.add("ConvergeOutcome = '" + outcome + "'");
    }
    if (caller != null) {
      if (!in(terms, "ConvergeNamespace", caller.namespaceLimit())
          || !in(terms, "ConvergeKubeContext", caller.contextLimit())) {
        return Optional.empty();
      }
    }
    return Optional.of(String.join(" AND ", terms));
  }

  private static boolean in(List<String> terms, String attribute, Optional<List<String>> limit) {
    if (limit.isEmpty()) {
      return true;
    }
    List<String> values =
        limit.get().stream()
            .filter(v -> NAME.matcher(v).matches())
            .map(v -> "'" + v + "'")
            .toList();
    if (values.isEmpty()) {
      return false;
    }
    terms.add(attribute + " IN (" + String.join(", ", values) + ")");
    return true;
  }

  private static void check(String field, String value) {
    if (value != null && !NAME.matcher(value).matches()) {
      throw new InvalidParameterException(
          field, "must be a Kubernetes name (lower case letters, digits, '-', '.')");
    }
  }
}
