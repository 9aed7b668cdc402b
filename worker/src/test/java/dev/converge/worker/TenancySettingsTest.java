package dev.converge.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.converge.activities.kube.RunIdentities;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenancySettingsTest {
  @Test
  void withoutTenancySettingsTheWorkerIsInTenantMode() {
    RunIdentities identities = ActivitiesConfiguration.identities(null);
    assertEquals(RunIdentities.Mode.TENANT, identities.mode());
    assertEquals(
        "system:serviceaccount:shop:converge-deployer",
        identities.resolve("default", "shop").user());
  }

  @Test
  void singleTenantIsOnlyWhatItIsCalled() {
    assertNull(
        ActivitiesConfiguration.identities(
                new WorkerSettings.Tenancy("Single-Tenant", null, false, null))
            .resolve("default", "shop")
            .user());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ActivitiesConfiguration.identities(
                new WorkerSettings.Tenancy("admin", null, false, null)));
  }

  @Test
  void overridesComeFromConfiguration() {
    RunIdentities identities =
        ActivitiesConfiguration.identities(
            new WorkerSettings.Tenancy(
                "tenant",
                "deployer",
                false,
                List.of(
                    new WorkerSettings.TenancyOverride(
                        "default", "platform-apps", "platform", null, true))));
    assertEquals(
        "system:serviceaccount:platform:deployer",
        identities.resolve("default", "platform-apps").user());
    assertEquals(
        "system:serviceaccount:team-a:deployer", identities.resolve("default", "team-a").user());
  }
}
