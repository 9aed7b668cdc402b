package dev.converge.workflows.plan;

import dev.converge.workflows.contract.Annotations;
import dev.converge.workflows.contract.LiveState;
import java.util.Map;

/** Policies read from the live object: keep there protects it even if the chart dropped it. */
public final class LivePolicies {
  private LivePolicies() {}

  public static boolean keeps(LiveState live) {
    return keeps(live.annotations());
  }

  public static boolean keeps(Map<String, String> annotations) {
    String helm = annotations.get(Annotations.HELM_RESOURCE_POLICY);
    String werf = annotations.get(Annotations.RESOURCE_POLICY);
    return "keep".equals(helm == null ? null : helm.trim())
        || (werf != null && (werf.contains("keep") || werf.contains("skip-delete")));
  }
}
