package dev.converge.activities.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.activities.kube.RunIdentities.Mode;
import dev.converge.activities.kube.RunIdentities.Override;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunIdentitiesTest {
  private static final RunIdentities TENANT =
      new RunIdentities(
          Mode.TENANT,
          null,
          false,
          List.of(
              new Override("default", "platform-apps", "platform", "", true),
              new Override("*", "infra", null, "infra-deployer", false)));

  @Test
  void tenantModeActsAsTheReleaseNamespacesDeployer() {
    RunIdentities.Identity identity = TENANT.resolve("default", "team-a");
    assertEquals("system:serviceaccount:team-a:converge-deployer", identity.user());
    assertFalse(identity.mayCreateNamespace());
  }

  @Test
  void theDeployerNameIsConfigurable() {
    RunIdentities identities = new RunIdentities(Mode.TENANT, "ci-deployer", true, List.of());
    assertEquals(
        "system:serviceaccount:team-b:ci-deployer", identities.resolve("prod", "team-b").user());
    assertTrue(identities.resolve("prod", "team-b").mayCreateNamespace());
  }

  @Test
  void anOverrideNamesAnotherDeployerForItsNamespaceAndContextOnly() {
    RunIdentities.Identity platform = TENANT.resolve("default", "platform-apps");
    assertEquals("system:serviceaccount:platform:converge-deployer", platform.user());
    assertTrue(platform.mayCreateNamespace());
    // Same namespace in another context: the override does not reach it.
    assertEquals(
        "system:serviceaccount:platform-apps:converge-deployer",
        TENANT.resolve("prod", "platform-apps").user());
    assertEquals(
        "system:serviceaccount:infra:infra-deployer", TENANT.resolve("prod", "infra").user());
  }

  @Test
  void theIdentityDependsOnContextAndNamespaceOnlySoARequestCannotChooseOne() {
    // The only inputs are the release's context and namespace: a request naming the platform's
    // namespace gets the platform's identity, and nothing else can get it.
    assertEquals(TENANT.resolve("default", "team-a"), TENANT.resolve("default", "team-a"));
    assertEquals(
        "system:serviceaccount:kube-system:converge-deployer",
        TENANT.resolve("default", "kube-system").user());
  }

  @Test
  void singleTenantModeActsAsTheWorkerAndSaysSo() {
    RunIdentities single = RunIdentities.singleTenant();
    assertNull(single.resolve("default", "team-a").user());
    assertTrue(single.describe().startsWith("SINGLE-TENANT"));
    assertTrue(
        TENANT.describe().contains("system:serviceaccount:<release namespace>:converge-deployer"));
  }

  @Test
  void anOverrideWithoutNamespaceIsAConfigurationError() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new RunIdentities(
                Mode.TENANT,
                null,
                false,
                List.of(new Override("default", " ", null, null, false))));
  }
}
