package dev.converge.activities.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.converge.activities.manifest.RenderedRelease;
import dev.converge.registry.Digests;
import dev.converge.workflows.activities.ReleaseActivities.ReleaseHistory;
import dev.converge.workflows.contract.RevisionStatus;
import dev.converge.workflows.model.DeployType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** History and pending records. */
@EnableKubernetesMockClient(crud = true)
class ReleaseActivitiesImplTest extends ReleaseActivitiesHarness {

  @Test
  void historyOfNewReleaseIsEmptyAndStartsAtOne() {
    ReleaseHistory history = activities().history(TARGET);

    assertEquals(List.of(), history.revisions());
    assertEquals(1, history.nextRevision());
  }

  @Test
  void savePendingWritesPendingInstallFromTheBundle() {
    RenderedRelease bundle = ReleaseFixtures.bundle("1.0");

    activities().savePending(pending(1, DeployType.INITIAL, bundles.put(bundle)));

    HelmRelease saved = record(1);
    assertEquals("pending-install", saved.status());
    assertEquals("Initial install underway", saved.info().description());
    assertEquals("2026-11-02T10:00:00Z", saved.info().firstDeployed());
    assertEquals("2026-11-02T10:00:00Z", saved.info().lastDeployed());
    assertEquals("Thanks for installing shop", saved.info().notes());
    assertEquals(bundle.manifest(), saved.manifest());
    assertEquals(bundle.config(), saved.config());
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) saved.chart().get("metadata");
    assertEquals(
        List.of("name", "version", "description", "apiVersion", "appVersion", "type"),
        List.copyOf(metadata.keySet()));
    assertEquals("1.2.3", metadata.get("version"));
    assertEquals(List.of(), saved.chart().get("templates"));
    HelmRelease.Hook hook = saved.hooks().get(0);
    assertEquals(1, saved.hooks().size());
    assertEquals("migrate", hook.name());
    assertEquals("Job", hook.kind());
    assertEquals("shop/templates/migrate.yaml", hook.path());
    assertEquals(List.of("pre-install", "pre-upgrade"), hook.events());
    assertEquals(-5, hook.weight());
    assertEquals(List.of("before-hook-creation", "hook-succeeded"), hook.deletePolicies());
    assertEquals("pending-install", label(1, "status"));
  }

  @Test
  void savePendingTwiceLeavesTheFirstRecord() {
    String digest = bundles.put(ReleaseFixtures.bundle("1.0"));
    activities().savePending(pending(1, DeployType.INITIAL, digest));
    String version = resourceVersion(1);
    clock.advanceSeconds(30);

    activities().savePending(pending(1, DeployType.INITIAL, digest));

    assertEquals(version, resourceVersion(1));
    assertEquals("2026-11-02T10:00:00Z", record(1).info().lastDeployed());
  }

  @Test
  void savePendingOverAFinishedRevisionFailsWithoutRetry() {
    store().create(ReleaseFixtures.release("shop", "shop", 1, RevisionStatus.DEPLOYED.helmName()));

    ApplicationFailure failure =
        assertThrows(ApplicationFailure.class, () -> save(1, DeployType.INITIAL, "1.0"));

    assertEquals("RevisionConflict", failure.getType());
    assertTrue(failure.isNonRetryable());
  }

  @Test
  void upgradeIsPendingUpgradeAndKeepsFirstDeployed() {
    save(1, DeployType.INITIAL, "1.0");
    activities().markDeployed(TARGET, 1, null);
    clock.advanceSeconds(3600);

    save(2, DeployType.UPGRADE, "2.0");

    HelmRelease upgrade = record(2);
    assertEquals("pending-upgrade", upgrade.status());
    assertEquals("Preparing upgrade", upgrade.info().description());
    assertEquals("2026-11-02T10:00:00Z", upgrade.info().firstDeployed());
    assertEquals("2026-11-02T11:00:00Z", upgrade.info().lastDeployed());
  }

  @Test
  void historyIsOrderedWithDigestsAndNextRevisionCountsFailures() throws Exception {
    RenderedRelease first = ReleaseFixtures.bundle("1.0");
    activities().savePending(pending(1, DeployType.INITIAL, bundles.put(first)));
    activities().markDeployed(TARGET, 1, null);
    save(2, DeployType.UPGRADE, "2.0");
    activities().markFailed(TARGET, 2, "Job migrate failed");

    ReleaseHistory history = activities().history(TARGET);

    assertEquals(List.of(1, 2), history.revisions().stream().map(r -> r.version()).toList());
    assertEquals(
        List.of("deployed", "failed"), history.revisions().stream().map(r -> r.status()).toList());
    assertEquals(3, history.nextRevision());
    byte[] canonical =
        new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .writeValueAsBytes(first.config());
    assertEquals(Digests.sha256(canonical), history.revisions().get(0).valuesDigest());
    assertEquals(Digests.sha256(first.manifest()), history.revisions().get(0).manifestDigest());
  }

  @Test
  void historyReadsLastRevisionResourcesFromHelmRecord() {
    client.secrets().inNamespace("shop").resource(ReleaseFixtures.helmSecret("shop")).create();

    ReleaseHistory history = activities().history(TARGET);

    assertEquals(
        List.of(
            "apps/Deployment/shop/web",
            "rbac.authorization.k8s.io/ClusterRole//shop-reader",
            "batch/Job/shop/migrate"),
        history.lastResources().stream().map(r -> r.key().id()).toList());
    assertEquals("shop/templates/web.yaml", history.lastResources().get(0).source());
    assertEquals(2, history.lastResources().get(0).replicas());
    assertEquals("2", history.lastResources().get(0).annotation("werf.io/weight"));
    assertEquals(
        "pre-install,pre-upgrade", history.lastResources().get(2).annotation("helm.sh/hook"));
    assertEquals("shop/templates/migrate.yaml", history.lastResources().get(2).source());
  }

  @Test
  void savePendingOfTooLargeReleaseFailsWithoutRetry() {
    RenderedRelease small = ReleaseFixtures.bundle("1.0");
    StringBuilder noise = new StringBuilder();
    Random random = new Random(7);
    while (noise.length() < 1_500_000) {
      noise.append(Long.toString(random.nextLong(), 36));
    }
    RenderedRelease huge =
        new RenderedRelease(
            small.chart(),
            small.chartMetadata(),
            small.config(),
            small.manifest() + "# " + noise + "\n",
            small.notes(),
            small.objects());
    String digest = bundles.put(huge);

    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class,
            () -> activities().savePending(pending(1, DeployType.INITIAL, digest)));

    assertEquals("ReleaseTooLarge", failure.getType());
    assertTrue(failure.isNonRetryable());
    assertEquals(List.of(), activities().history(TARGET).revisions());
  }
}
