package dev.converge.workflows.model;

import dev.converge.workflows.model.InvalidRequestException.FieldProblem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the raw JSON object a caller sent (Temporal CLI, UI, REST) into a {@link ConvergeRequest}.
 * Strict on purpose: an unknown key is usually a typo that would otherwise be silently ignored.
 * Pure and deterministic, so the workflow and the API share it.
 */
public final class RequestParser {
  // Helm's limit: release names end up in label values and Secret names.
  private static final Pattern RELEASE =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern CONTEXT = Pattern.compile("^[A-Za-z0-9][-A-Za-z0-9_.@:]*$");
  private static final Set<String> KEYS =
      Set.of(
          "release",
          "namespace",
          "chart",
          "values",
          "valuesFiles",
          "setJson",
          "set",
          "setString",
          "setFile",
          "kubeContext",
          "env",
          "timeoutSeconds",
          "autoRollback",
          "approval");
  private static final int MAX_TIMEOUT_SECONDS = 24 * 3600;

  private RequestParser() {}

  public static ConvergeRequest parse(Object raw) {
    Fields f = Fields.of(raw, KEYS);
    List<FieldProblem> problems = f.problems();
    String release = f.requiredString("release");
    String namespace = f.requiredString("namespace");
    String chart = f.requiredString("chart");
    if (chart != null && chart.startsWith(OciReference.SCHEME)) {
      OciReference.problem(chart).ifPresent(p -> problems.add(new FieldProblem("chart", p)));
    }
    String context = f.optionalString("kubeContext");
    checkNames(f, release, namespace, context);
    Map<String, Object> values = f.object("values");
    List<String> setJson = f.assignments("setJson");
    List<String> set = f.assignments("set");
    List<String> setString = f.assignments("setString");
    List<String> setFile = f.assignments("setFile");
    List<String> valuesFiles = f.strings("valuesFiles");
    Integer timeout = f.integer("timeoutSeconds");
    checkTimeout(f, timeout);
    Boolean autoRollback = f.bool("autoRollback");
    Approval approval = approval(f);
    String env = f.optionalString("env");
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return new ConvergeRequest(
        release,
        namespace,
        chart,
        values,
        valuesFiles,
        setJson,
        set,
        setString,
        setFile,
        context,
        env,
        timeout == null ? 0 : timeout,
        Boolean.TRUE.equals(autoRollback),
        approval);
  }

  private static Approval approval(Fields f) {
    Map<String, Object> raw = f.object("approval");
    if (raw.isEmpty()) {
      return null;
    }
    Fields a = Fields.of(raw, Set.of("required", "timeoutSeconds"));
    Boolean required = a.bool("required");
    Integer timeout = a.integer("timeoutSeconds");
    if (timeout != null && (timeout <= 0 || timeout > Approval.MAX_TIMEOUT_SECONDS)) {
      a.problem(
          "timeoutSeconds",
          "must be between 1 and " + Approval.MAX_TIMEOUT_SECONDS + ", got " + timeout);
    }
    a.problems().forEach(p -> f.problem("approval." + p.field(), p.message()));
    return new Approval(
        Boolean.TRUE.equals(required),
        timeout == null ? Approval.DEFAULT_TIMEOUT_SECONDS : timeout);
  }

  /**
   * The {@code release}, {@code namespace} and {@code kubeContext} fields every release-scoped
   * request has, read and checked; the context stays null when the input has none.
   */
  public static ReleaseTarget target(Fields f) {
    String release = f.requiredString("release");
    String namespace = f.requiredString("namespace");
    String context = f.optionalString("kubeContext");
    checkNames(f, release, namespace, context);
    return new ReleaseTarget(context, namespace, release);
  }

  /** Release, namespace and kube context as Helm and Kubernetes accept them. */
  public static void checkNames(Fields f, String release, String namespace, String context) {
    if (release != null && (release.length() > 53 || !RELEASE.matcher(release).matches())) {
      f.problem(
          "release", "'" + release + "' must be a lowercase DNS name of at most 53 characters");
    }
    if (namespace != null && (namespace.length() > 63 || !NAMESPACE.matcher(namespace).matches())) {
      f.problem(
          "namespace",
          "'" + namespace + "' must be a DNS-1123 label (lowercase, at most 63 characters)");
    }
    if (context != null && !context.isBlank() && !CONTEXT.matcher(context).matches()) {
      f.problem("kubeContext", "'" + context + "' is not a valid context name");
    }
  }

  public static void checkTimeout(Fields f, Integer timeout) {
    if (timeout != null && (timeout <= 0 || timeout > MAX_TIMEOUT_SECONDS)) {
      f.problem(
          "timeoutSeconds", "must be between 1 and " + MAX_TIMEOUT_SECONDS + ", got " + timeout);
    }
  }
}
