package dev.converge.activities.track.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.converge.activities.track.Fixtures;
import dev.converge.activities.track.rules.Readiness.Verdict;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

class JobReadinessTest {

  private static Job fixture(String name) {
    return Fixtures.load(name, Job.class);
  }

  @Test
  void readyWhenConditionCompleteIsTrue() {
    Readiness readiness = JobRule.check(fixture("job-complete.yaml"));
    assertEquals(Verdict.READY, readiness.verdict());
    assertEquals("1 succeeded, 0 active, 0 failed", readiness.info());
  }

  @Test
  void waitingWhileItsPodRuns() {
    assertEquals(Verdict.WAITING, JobRule.check(fixture("job-running.yaml")).verdict());
  }

  @Test
  void failedWithTheConditionsReasonWhenConditionFailedIsTrue() {
    Readiness readiness = JobRule.check(fixture("job-failed.yaml"));
    assertEquals(Verdict.FAILED, readiness.verdict());
    assertEquals(
        "BackoffLimitExceeded: Job has reached the specified backoff limit", readiness.reason());
    assertEquals("0 succeeded, 0 active, 7 failed", readiness.info());
  }
}
