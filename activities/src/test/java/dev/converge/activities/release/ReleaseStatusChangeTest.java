package dev.converge.activities.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.contract.RevisionStatus;
import dev.converge.workflows.model.DeployType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pending revisions becoming deployed or failed, superseding and pruning. */
@EnableKubernetesMockClient(crud = true)
class ReleaseStatusChangeTest extends ReleaseActivitiesHarness {

  @Test
  void markDeployedSupersedesPreviousDeployed() {
    save(1, DeployType.INITIAL, "1.0");
    activities().markDeployed(TARGET, 1, null);
    save(2, DeployType.UPGRADE, "2.0");

    activities().markDeployed(TARGET, 2, null);

    assertEquals("superseded", record(1).status());
    assertEquals("Install complete", record(1).info().description());
    assertEquals("deployed", record(2).status());
    assertEquals("Upgrade complete", record(2).info().description());
    assertEquals("superseded", label(1, "status"));
    assertEquals("deployed", label(2, "status"));
  }

  @Test
  void markDeployedTwiceChangesNothing() {
    save(1, DeployType.INITIAL, "1.0");
    activities().markDeployed(TARGET, 1, "Install complete");
    String version = resourceVersion(1);

    activities().markDeployed(TARGET, 1, "Install complete");

    assertEquals(version, resourceVersion(1));
  }

  @Test
  void markDeployedTwiceWithoutDescriptionKeepsHelmsWords() {
    save(1, DeployType.INITIAL, "1.0");
    activities().markDeployed(TARGET, 1, null);
    save(2, DeployType.UPGRADE, "2.0");
    activities().markDeployed(TARGET, 2, null);
    String version = resourceVersion(2);

    activities().markDeployed(TARGET, 2, null);

    assertEquals(version, resourceVersion(2));
    assertEquals("Upgrade complete", record(2).info().description());
  }

  @Test
  void markDeployedOfUnsavedRevisionFailsWithoutRetry() {
    ApplicationFailure failure =
        assertThrows(ApplicationFailure.class, () -> activities().markDeployed(TARGET, 4, null));

    assertEquals("RevisionMissing", failure.getType());
    assertTrue(failure.isNonRetryable());
  }

  @Test
  void helmWrittenRevisionIsSupersededWithItsChartIntact() {
    client.secrets().inNamespace("shop").resource(ReleaseFixtures.helmSecret("shop")).create();
    save(2, DeployType.UPGRADE, "2.0");

    activities().markDeployed(TARGET, 2, "Upgrade complete");

    HelmRelease helms = record(1);
    assertEquals("superseded", helms.status());
    assertEquals(2, ((List<?>) helms.chart().get("templates")).size());
    assertEquals("2025-03-01T10:00:00.123456789+01:00", record(2).info().firstDeployed());
    assertEquals("1740819600", label(1, "createdAt"));
  }

  @Test
  void markFailedRecordsTheError() {
    save(1, DeployType.INITIAL, "1.0");

    activities().markFailed(TARGET, 1, "Deployment web: ImagePullBackOff");

    HelmRelease failed = record(1);
    assertEquals("failed", failed.status());
    assertEquals("Deployment web: ImagePullBackOff", failed.info().description());
    assertEquals("failed", label(1, "status"));
  }

  @Test
  void markFailedTwiceChangesNothing() {
    save(1, DeployType.INITIAL, "1.0");
    activities().markFailed(TARGET, 1, "boom");
    String version = resourceVersion(1);

    activities().markFailed(TARGET, 1, "boom");

    assertEquals(version, resourceVersion(1));
  }

  @Test
  void markFailedWithoutPendingRecordDoesNothing() {
    activities().markFailed(TARGET, 1, "failed before the record was written");

    assertEquals(List.of(), activities().history(TARGET).revisions());
  }

  @Test
  void markDeployedPrunesOldestBeyondTheDefaultLimit() {
    for (int rev = 1; rev <= 11; rev++) {
      String status =
          rev == 1 ? RevisionStatus.DEPLOYED.helmName() : RevisionStatus.FAILED.helmName();
      store().create(ReleaseFixtures.release("shop", "shop", rev, status));
    }
    save(12, DeployType.UPGRADE, "3.0");

    activities().markDeployed(TARGET, 12, null);

    assertEquals(
        List.of(3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
        activities().history(TARGET).revisions().stream().map(r -> r.version()).toList());
  }
}
