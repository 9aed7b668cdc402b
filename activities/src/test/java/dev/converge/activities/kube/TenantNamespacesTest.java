package dev.converge.activities.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.activities.ClusterActivities.InspectRequest;
import dev.converge.workflows.model.ReleaseTarget;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantNamespacesTest extends MockClusterTest {
  @Test
  void inTenantModeAMissingReleaseNamespaceFailsThePlanBeforeAnyWrite() {
    ClusterActivitiesImpl tenant =
        new ClusterActivitiesImpl(
            KubeClients.of(
                client, new RunIdentities(RunIdentities.Mode.TENANT, null, false, List.of())),
            store);
    ReleaseTarget target = new ReleaseTarget("default", "team-c", "shop");

    ApplicationFailure refused =
        assertThrows(
            ApplicationFailure.class,
            () -> tenant.inspect(new InspectRequest(target, "sha256:none", List.of())));
    assertEquals("NamespaceMissing", refused.getType());
    assertTrue(
        refused.getOriginalMessage().contains("namespace team-c does not exist")
            && refused
                .getOriginalMessage()
                .contains("system:serviceaccount:team-c:converge-deployer"),
        refused.getOriginalMessage());
    assertThrows(ApplicationFailure.class, () -> tenant.ensureNamespace(target));
    assertNull(client.namespaces().withName("team-c").get());
  }

  @Test
  void anOverrideThatMayCreateItsNamespaceGetsItMarkedForTheRelease() {
    ClusterActivitiesImpl platform =
        new ClusterActivitiesImpl(
            KubeClients.of(
                client,
                new RunIdentities(
                    RunIdentities.Mode.TENANT,
                    null,
                    false,
                    List.of(
                        new RunIdentities.Override(
                            "default", "platform-apps", "platform", null, true)))),
            store);
    ReleaseTarget target = new ReleaseTarget("default", "platform-apps", "crds");

    assertTrue(platform.ensureNamespace(target));
    assertEquals(
        "default/crds",
        client
            .namespaces()
            .withName("platform-apps")
            .get()
            .getMetadata()
            .getAnnotations()
            .get(Namespaces.CREATED_FOR));
  }
}
