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
    List<Future<R>> futures = new ArrayList<>();
    try {
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
      stop(pool, futures);
    }
  }

  /**
   * On cancellation or failure: nothing new starts, and the calls already sent finish before the
   * activity ends, so compensation that runs after it sees every object this activity wrote.
   * In-flight calls are not interrupted: an interrupted request may still reach the API server.
   */
  private static <R> void stop(ExecutorService pool, List<Future<R>> futures) {
    futures.forEach(f -> f.cancel(false));
    pool.shutdown();
    try {
      if (!pool.awaitTermination(IN_FLIGHT_WAIT_SECONDS, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  static final int IN_FLIGHT_WAIT_SECONDS = 60;

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
