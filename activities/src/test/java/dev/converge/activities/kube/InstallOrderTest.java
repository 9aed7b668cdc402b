package dev.converge.activities.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class InstallOrderTest {

  @Test
  void aStepIsAppliedKindGroupByKindGroupInHelmsInstallOrder() {
    List<String> step =
        List.of(
            "Job/admission-create",
            "RoleBinding/admission",
            "Widget/custom",
            "ServiceAccount/admission",
            "Role/admission",
            "ConfigMap/a",
            "ConfigMap/b");
    List<List<String>> groups = InstallOrder.groups(step, s -> s.substring(0, s.indexOf('/')));
    assertEquals(
        List.of(
            List.of("ServiceAccount/admission"),
            List.of("ConfigMap/a", "ConfigMap/b"),
            List.of("Role/admission"),
            List.of("RoleBinding/admission"),
            List.of("Job/admission-create"),
            List.of("Widget/custom")),
        groups);
  }
}
