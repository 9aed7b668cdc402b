package dev.converge.workflows.converge;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * A converge's own timeout: a durable timer that cancels the converge's scope when it fires before
 * the converge ends. With approval it starts only once the plan is approved.
 */
final class Deadline {
  private final int seconds;
  private CancellationScope scope;
  private boolean ended;
  private boolean fired;

  Deadline(int seconds) {
    this.seconds = seconds;
  }

  void guard(CancellationScope scope) {
    this.scope = scope;
  }

  /** Starts the timer; returns the moment it fires. */
  long start() {
    Workflow.newTimer(Duration.ofSeconds(seconds))
        .thenApply(
            done -> {
              if (!ended) {
                fired = true;
                scope.cancel("converge timed out after " + seconds + "s");
              }
              return done;
            });
    return Workflow.currentTimeMillis() + seconds * 1000L;
  }

  void end() {
    ended = true;
  }

  boolean fired() {
    return fired;
  }
}
