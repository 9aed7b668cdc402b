package dev.converge.activities.release;

import dev.converge.activities.manifest.InMemoryManifestStore;
import dev.converge.workflows.activities.ReleaseActivities.PendingRevision;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.ReleaseTarget;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Shared set-up of the activity tests: the real Secret store on the fabric8 CRUD mock (the
 * subclasses carry {@code @EnableKubernetesMockClient}), a bundle store and a hand-moved clock.
 */
abstract class ReleaseActivitiesHarness {
  static final ReleaseTarget TARGET = new ReleaseTarget("kind-test", "shop", "shop");

  KubernetesClient client;
  final InMemoryManifestStore bundles = new InMemoryManifestStore();
  final TestClock clock = new TestClock(Instant.parse("2026-11-02T10:00:00Z"));

  ReleaseActivitiesImpl activities() {
    return new ReleaseActivitiesImpl(context -> client, bundles, clock);
  }

  SecretReleaseStore store() {
    return new SecretReleaseStore(client, clock);
  }

  PendingRevision pending(int revision, DeployType type, String digest) {
    return new PendingRevision(TARGET, revision, type, digest, 10);
  }

  void save(int revision, DeployType type, String tag) {
    activities().savePending(pending(revision, type, bundles.put(ReleaseFixtures.bundle(tag))));
  }

  HelmRelease record(int revision) {
    return store().get("shop", "shop", revision).orElseThrow();
  }

  String resourceVersion(int revision) {
    return secret(revision).getMetadata().getResourceVersion();
  }

  String label(int revision, String name) {
    return secret(revision).getMetadata().getLabels().get(name);
  }

  Secret secret(int revision) {
    return client.secrets().inNamespace("shop").withName(ReleaseStore.key("shop", revision)).get();
  }

  /** A clock tests move forward by hand. */
  static final class TestClock extends Clock {
    private Instant now;

    TestClock(Instant now) {
      this.now = now;
    }

    void advanceSeconds(long seconds) {
      now = now.plusSeconds(seconds);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
