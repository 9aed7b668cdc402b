package dev.converge.workflows.model;

import java.util.List;
import java.util.Map;

/**
 * The one input of a converge (docs/contracts.md#converge-request). Built only through {@link
 * RequestParser}, which checks every key and type, so a record in hand is always valid.
 */
public record ConvergeRequest(
    String release,
    String namespace,
    String chart,
    Map<String, Object> values,
    List<String> valuesFiles,
    List<String> setJson,
    List<String> set,
    List<String> setString,
    List<String> setFile,
    String kubeContext,
    String env,
    int timeoutSeconds,
    boolean autoRollback,
    Approval approval)
    implements ValuesSource {

  public static final String DEFAULT_CONTEXT = "default";
  public static final int DEFAULT_TIMEOUT_SECONDS = 900;

  public ConvergeRequest(
      String release,
      String namespace,
      String chart,
      Map<String, Object> values,
      List<String> valuesFiles,
      List<String> setJson,
      List<String> set,
      List<String> setString,
      List<String> setFile,
      String kubeContext,
      String env,
      int timeoutSeconds,
      boolean autoRollback) {
    this(
        release,
        namespace,
        chart,
        values,
        valuesFiles,
        setJson,
        set,
        setString,
        setFile,
        kubeContext,
        env,
        timeoutSeconds,
        autoRollback,
        null);
  }

  /** True when the converge waits for approval of its plan before anything is written. */
  public boolean approvalRequired() {
    return approval != null && approval.required();
  }

  public ConvergeRequest {
    values = values == null ? Map.of() : values;
    valuesFiles = valuesFiles == null ? List.of() : List.copyOf(valuesFiles);
    setJson = setJson == null ? List.of() : List.copyOf(setJson);
    set = set == null ? List.of() : List.copyOf(set);
    setString = setString == null ? List.of() : List.copyOf(setString);
    setFile = setFile == null ? List.of() : List.copyOf(setFile);
    kubeContext = kubeContext == null || kubeContext.isBlank() ? DEFAULT_CONTEXT : kubeContext;
    timeoutSeconds = timeoutSeconds <= 0 ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
  }

  /** The only id a converge of this release may run under: the id is the per-release lock. */
  public String workflowId() {
    return workflowId(kubeContext, namespace, release);
  }

  public static String workflowId(String kubeContext, String namespace, String release) {
    String context = kubeContext == null || kubeContext.isBlank() ? DEFAULT_CONTEXT : kubeContext;
    return "converge/" + context + "/" + namespace + "/" + release;
  }

  /** The same request with another chart reference (an {@code oci://} tag pinned to its digest). */
  public ConvergeRequest withChart(String pinned) {
    return new ConvergeRequest(
        release,
        namespace,
        pinned,
        values,
        valuesFiles,
        setJson,
        set,
        setString,
        setFile,
        kubeContext,
        env,
        timeoutSeconds,
        autoRollback,
        approval);
  }

  public ReleaseTarget target() {
    return new ReleaseTarget(kubeContext, namespace, release);
  }
}
