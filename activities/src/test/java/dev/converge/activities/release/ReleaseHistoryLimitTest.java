package dev.converge.activities.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.converge.workflows.contract.RevisionStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseHistoryLimitTest {

  @Test
  void keepsEverythingWithinTheLimit() {
    assertEquals(List.of(), HistoryLimit.toPrune(history(10, 10), 10));
  }

  @Test
  void prunesOldestFirst() {
    assertEquals(List.of(1, 2), HistoryLimit.toPrune(history(12, 12), 10));
  }

  @Test
  void neverPrunesTheLastDeployed() {
    // Revision 1 is the only deployed one; 2..12 failed after it.
    assertEquals(List.of(2, 3), HistoryLimit.toPrune(history(12, 1), 10));
  }

  @Test
  void zeroOrNegativeLimitMeansTheDefault() {
    assertEquals(List.of(1), HistoryLimit.toPrune(history(11, 11), 0));
    assertEquals(10, HistoryLimit.orDefault(-1));
    assertEquals(3, HistoryLimit.orDefault(3));
  }

  /** Revisions 1..count, {@code deployed} deployed, the others failed. */
  private static List<HelmRelease> history(int count, int deployed) {
    List<HelmRelease> history = new ArrayList<>();
    for (int rev = 1; rev <= count; rev++) {
      String status =
          rev == deployed ? RevisionStatus.DEPLOYED.helmName() : RevisionStatus.FAILED.helmName();
      history.add(ReleaseFixtures.release("ns", "shop", rev, status));
    }
    return history;
  }
}
