package dev.converge.workflows.bundle;

import dev.converge.workflows.model.Inputs;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/** What the bundle workflows share: request checks, the workflow id rule and the activity stub. */
final class BundleWorkflows {
  private BundleWorkflows() {}

  static BundleActivities activities() {
    return Workflow.newActivityStub(
        BundleActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(10))
            .setHeartbeatTimeout(Duration.ofSeconds(30))
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofSeconds(30))
                    .setMaximumAttempts(5)
                    .setDoNotRetry("RenderFailed", "RegistryRefused", "TagExists", "BundleNotFound")
                    .build())
            .build());
  }

  /**
   * Runs the activity call; its failure becomes the workflow's own, with the activity's message and
   * type, so the UI, CLI and API show "tag ... exists" rather than "activity task failed".
   */
  static <T> T run(Supplier<T> call) {
    try {
      return call.get();
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof ApplicationFailure failure) {
        throw ApplicationFailure.newNonRetryableFailure(
            failure.getOriginalMessage(), failure.getType());
      }
      throw ApplicationFailure.newNonRetryableFailure(
          e.getActivityType()
              + " did not finish: "
              + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()),
          "BundleFailed");
    }
  }

  static <T> T validated(Object raw, Function<Object, T> parser, Function<T, String> id) {
    return Inputs.validated(
        raw,
        parser,
        id,
        "bundle/<host>/<repository>:<tag>, so that only one run writes a tag at a time");
  }
}
