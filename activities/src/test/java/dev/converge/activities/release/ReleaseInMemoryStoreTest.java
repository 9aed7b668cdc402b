package dev.converge.activities.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.converge.activities.manifest.InMemoryManifestStore;
import dev.converge.workflows.activities.ReleaseActivities.PendingRevision;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.ReleaseTarget;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory store behaves like the Secret one for the activities' whole cycle. */
class ReleaseInMemoryStoreTest {
  private final InMemoryReleaseStore store = new InMemoryReleaseStore();
  private final InMemoryManifestStore bundles = new InMemoryManifestStore();
  private final ReleaseActivitiesImpl activities =
      ReleaseActivitiesImpl.onStore(
          store, bundles, Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC));
  private final ReleaseTarget target = new ReleaseTarget("any", "shop", "shop");

  @Test
  void installUpgradeAndFailureCycle() {
    save(1, DeployType.INITIAL);
    activities.markDeployed(target, 1, null);
    save(2, DeployType.UPGRADE);
    activities.markDeployed(target, 2, null);
    save(3, DeployType.UPGRADE);
    activities.markFailed(target, 3, "boom");

    assertEquals(
        List.of("superseded", "deployed", "failed"),
        activities.history(target).revisions().stream().map(r -> r.status()).toList());
    assertEquals(List.of(), store.history("other", "shop"));
  }

  private void save(int revision, DeployType type) {
    String digest = bundles.put(ReleaseFixtures.bundle(Integer.toString(revision)));
    activities.savePending(new PendingRevision(target, revision, type, digest, 10));
  }
}
