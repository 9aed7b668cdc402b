package dev.converge.activities.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ParallelStopTest {

  @Test
  @Timeout(60) // before: the failure stayed hidden behind the waiting item, for ever
  void aWaitingItemGivesUpWhenAnotherFails() {
    AtomicReference<String> waiterEnded = new AtomicReference<>();
    CountDownLatch waiting = new CountDownLatch(1);

    RuntimeException failure =
        assertThrows(
            RuntimeException.class,
            () ->
                Parallel.map(
                    List.of("waits", "fails"),
                    2,
                    () -> {},
                    item -> {
                      if (item.equals("fails")) {
                        awaitQuietly(waiting);
                        throw new IllegalArgumentException("rejected");
                      }
                      try {
                        waiting.countDown();
                        while (true) {
                          Applier.sleep(50); // as a gate, CRD or deletion wait does
                        }
                      } catch (IllegalStateException e) {
                        waiterEnded.set(e.getMessage());
                        throw e;
                      }
                    }));

    assertEquals("rejected", failure.getMessage());
    // not interrupted after the grace period: it stopped on its own
    assertEquals("stopped waiting: the step is being canceled or has failed", waiterEnded.get());
  }

  @Test
  void outsideAFanOutNothingIsStopping() {
    assertEquals(false, Parallel.stopping());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
