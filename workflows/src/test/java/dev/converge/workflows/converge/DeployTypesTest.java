package dev.converge.workflows.converge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.converge.workflows.activities.ReleaseActivities.RevisionInfo;
import dev.converge.workflows.model.DeployType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeployTypesTest {

  private static List<RevisionInfo> history(String... statuses) {
    List<RevisionInfo> revisions = new ArrayList<>();
    for (int i = 0; i < statuses.length; i++) {
      revisions.add(new RevisionInfo(i + 1, statuses[i], "sha256:m" + i, "sha256:v" + i));
    }
    return revisions;
  }

  @Test
  void noHistoryIsInitial() {
    assertEquals(DeployType.INITIAL, DeployTypes.of(history()));
  }

  @Test
  void historyWithoutAnyDeployedRevisionIsInstall() {
    assertEquals(DeployType.INSTALL, DeployTypes.of(history("failed")));
    assertEquals(
        DeployType.INSTALL, DeployTypes.of(history("failed", "pending-install", "failed")));
  }

  @Test
  void deployedRevisionMakesAnUpgrade() {
    assertEquals(DeployType.UPGRADE, DeployTypes.of(history("deployed")));
  }

  @Test
  void supersededRevisionMakesAnUpgradeEvenWhenTheLastFailed() {
    assertEquals(DeployType.UPGRADE, DeployTypes.of(history("superseded", "failed")));
    assertEquals(
        DeployType.UPGRADE, DeployTypes.of(history("superseded", "deployed", "failed", "failed")));
  }

  @Test
  void lastRevisionUninstalledStartsAgainAsInitial() {
    assertEquals(
        DeployType.INITIAL, DeployTypes.of(history("superseded", "deployed", "uninstalled")));
  }

  @Test
  void onlyFailedRevisionsSinceTheUninstallMakeAnInstall() {
    assertEquals(DeployType.INSTALL, DeployTypes.of(history("deployed", "uninstalled", "failed")));
  }

  @Test
  void deployedRevisionSinceTheUninstallMakesAnUpgrade() {
    assertEquals(
        DeployType.UPGRADE,
        DeployTypes.of(history("deployed", "uninstalled", "failed", "deployed")));
  }

  @Test
  void onlyTheLastUninstallCounts() {
    assertEquals(
        DeployType.INSTALL,
        DeployTypes.of(history("deployed", "uninstalled", "deployed", "uninstalled", "failed")));
  }

  @Test
  void deployTypeNamesTheHookEvent() {
    assertEquals("install", DeployType.INITIAL.event());
    assertEquals("install", DeployType.INSTALL.event());
    assertEquals("upgrade", DeployType.UPGRADE.event());
  }
}
