package dev.converge.activities.track;

import dev.converge.workflows.activities.TrackActivities;
import dev.converge.workflows.activities.TrackActivities.TrackItem;
import dev.converge.workflows.activities.TrackActivities.TrackReport;
import dev.converge.workflows.activities.TrackActivities.TrackRequest;
import dev.converge.workflows.model.ReleaseTarget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;

/** Runs one tracking activity as Temporal would (heartbeats work), once, against a given client. */
final class TrackInTestEnvironment {
  private TrackInTestEnvironment() {}

  /** The tracking activity of the environment, one attempt, at most 30 s. */
  static TrackActivities stub(TestActivityEnvironment env) {
    return env.newActivityStub(
        TrackActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  static TrackReport track(KubernetesClient client, List<TrackItem> items, int timeoutSeconds) {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(new TrackActivitiesImpl(context -> client));
      return stub(env)
          .track(
              new TrackRequest(new ReleaseTarget("test", "shop", "shop"), items, timeoutSeconds));
    } finally {
      env.close();
    }
  }
}
