package dev.converge.activities.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailingTest {
  private static final RunIdentities.Identity TEAM_A =
      new RunIdentities.Identity("system:serviceaccount:team-a:converge-deployer", false);

  private static KubernetesClientException forbidden(String message) {
    Status status =
        new StatusBuilder().withCode(403).withReason("Forbidden").withMessage(message).build();
    return new KubernetesClientException(status);
  }

  @Test
  void aClusterScopedRefusalNamesIdentityVerbAndScope() {
    KubernetesClientException e =
        forbidden(
            "clusterrolebindings.rbac.authorization.k8s.io \"acc-x\" is forbidden: User "
                + "\"system:serviceaccount:team-a:converge-deployer\" cannot patch resource \"clusterrolebindings\" in API group "
                + "\"rbac.authorization.k8s.io\" at the cluster scope");
    assertEquals(
        "system:serviceaccount:team-a:converge-deployer may not create clusterrolebindings (cluster-scoped)",
        Failing.forbidden(e, "create", TEAM_A));
  }

  @Test
  void aRefusalInAnotherNamespaceNamesThatNamespaceAndTheApiServersVerb() {
    KubernetesClientException e =
        forbidden(
            "configmaps \"web\" is forbidden: User \"system:serviceaccount:team-a:converge-deployer\" "
                + "cannot get resource \"configmaps\" in API group \"\" in the namespace \"team-b\"");
    assertEquals(
        "system:serviceaccount:team-a:converge-deployer may not get configmaps (in namespace team-b)",
        Failing.forbidden(e, null, TEAM_A));
  }

  @Test
  void anyOther403IsPassedOnAsTheApiServerSaidIt() {
    String admission =
        "pods \"x\" is forbidden: violates PodSecurity \"restricted:latest\": privileged";
    assertEquals(admission, Failing.forbidden(forbidden(admission), "create", TEAM_A));
  }

  @Test
  void onlyA403IsARefusalOfTheIdentity() {
    for (int code : List.of(401, 404, 409, 422, 500)) {
      assertEquals(
          false,
          Failing.isForbidden(new KubernetesClientException("x", code, null)),
          "code " + code);
    }
  }
}
