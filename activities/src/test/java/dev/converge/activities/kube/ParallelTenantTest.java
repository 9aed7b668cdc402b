package dev.converge.activities.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelTenantTest {
  @Test
  void oneTenantsFanOutLeavesSlotsForAnother() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Integer> items = IntStream.range(0, 100).boxed().toList();
    CompletableFuture<List<Integer>> flood =
        CompletableFuture.supplyAsync(
            () ->
                Parallel.map(
                    "team-a",
                    items,
                    100,
                    () -> {},
                    i -> {
                      most.accumulateAndGet(running.incrementAndGet(), Math::max);
                      await(release);
                      running.decrementAndGet();
                      return i;
                    }));
    waitFor(() -> running.get() == Parallel.TENANT_IN_FLIGHT);

    // team-a holds its whole share; team-b's calls still run now, not after the flood.
    List<Integer> other = Parallel.map("team-b", List.of(1, 2, 3), 3, () -> {}, i -> i * 10);
    assertEquals(List.of(10, 20, 30), other);

    release.countDown();
    assertEquals(items, flood.get(30, TimeUnit.SECONDS));
    assertEquals(
        Parallel.TENANT_IN_FLIGHT, most.get(), "one tenant never holds more than its share");
  }

  @Test
  void runsWithoutAKeyAreNotCappedByTheShare() {
    List<Integer> items = new ArrayList<>(IntStream.range(0, 40).boxed().toList());
    CountDownLatch all = new CountDownLatch(items.size());
    // Every item waits until all 40 run at once: more than a tenant's share.
    assertEquals(
        items,
        Parallel.map(
            null,
            items,
            40,
            () -> {},
            i -> {
              all.countDown();
              await(all);
              return i;
            }));
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released");
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void waitFor(BooleanSupplier condition) throws Exception {
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
      Thread.sleep(25);
    }
    assertEquals(true, condition.getAsBoolean());
  }
}
