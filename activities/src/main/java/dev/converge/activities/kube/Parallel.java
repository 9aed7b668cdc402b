package dev.converge.activities.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** Bounded fan-out that keeps input order and heartbeats while it waits. */
final class Parallel {
  private Parallel() {}

  static <T, R> List<R> map(List<T> items, int parallelism, Runnable heartbeat, Function<T, R> work) {
    if (items.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, items.size())), r -> {
      Thread t = new Thread(r, "converge-parallel");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> work.apply(item)));
      }
      List<R> out = new ArrayList<>();
      for (Future<R> future : futures) {
        out.add(await(future, heartbeat));
      }
      out.removeIf(java.util.Objects::isNull);
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <R> R await(Future<R> future, Runnable heartbeat) {
    while (true) {
      try {
        return future.get(2, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        heartbeat.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }
}
