package dev.converge.activities.kube;

import io.temporal.activity.Activity;
import io.temporal.common.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Bounded fan-out that keeps input order and heartbeats while it waits. */
public final class Parallel {
  private Parallel() {}

  public static <T, R> List<R> map(
      List<T> items, int parallelism, Runnable heartbeat, Function<T, R> work) {
    return map(currentTenant(), items, parallelism, heartbeat, work);
  }

  /**
   * @param tenant the run's fairness key; null or empty: none
   */
  static <T, R> List<R> map(
      String tenant, List<T> items, int parallelism, Runnable heartbeat, Function<T, R> work) {
    if (items.isEmpty()) {
      return List.of();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(parallelism, items.size())),
            r -> {
              Thread t = new Thread(r, "converge-parallel");
              t.setDaemon(true);
              return t;
            });
    List<Future<R>> futures = new ArrayList<>();
    Semaphore share = tenantShare(tenant);
    Beat beat = new Beat(heartbeat);
    AtomicBoolean stopping = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(items.size());
    AtomicInteger firstFailed = new AtomicInteger(-1);
    try {
      for (int i = 0; i < items.size(); i++) {
        int index = i;
        T item = items.get(i);
        futures.add(
            pool.submit(
                () -> {
                  // The tenant's share first: waiting for it must not hold a worker-wide slot.
                  share.acquire();
                  try {
                    IN_FLIGHT.acquire();
                  } catch (InterruptedException e) {
                    share.release();
                    throw e;
                  }
                  STOPPING.set(stopping);
                  try {
                    return work.apply(item);
                  } catch (RuntimeException | Error e) {
                    firstFailed.compareAndSet(-1, index);
                    throw e;
                  } finally {
                    STOPPING.remove();
                    IN_FLIGHT.release();
                    share.release();
                    finished.countDown();
                  }
                }));
      }
      awaitAll(finished, firstFailed, futures, beat);
      List<R> out = new ArrayList<>();
      futures.forEach(f -> out.add(result(f)));
      out.removeIf(Objects::isNull);
      return out;
    } finally {
      stopping.set(true);
      stop(pool, futures, beat);
    }
  }

  private static final ThreadLocal<AtomicBoolean> STOPPING = new ThreadLocal<>();

  /**
   * True inside an item whose fan-out is stopping (canceled, or another item failed): a wait (for a
   * gate, a CRD, a deletion) gives up at once instead of holding the stop for its grace period.
   */
  static boolean stopping() {
    AtomicBoolean stopping = STOPPING.get();
    return stopping != null && stopping.get();
  }

  /**
   * On cancellation or failure: nothing new starts, and the calls already sent finish before the
   * activity ends, so compensation that runs after it sees every object this activity wrote. Calls
   * in flight get a grace period before the threads are interrupted; what is still running then is
   * waiting (for an external dependency, a CRD, a deletion), not writing.
   */
  private static <R> void stop(ExecutorService pool, List<Future<R>> futures, Beat beat) {
    futures.forEach(f -> f.cancel(false));
    pool.shutdown();
    try {
      if (!awaitAlive(pool, beat)) {
        pool.shutdownNow();
        awaitAlive(pool, beat);
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits up to the grace period, heartbeating, so the activity is not timed out while it stops.
   */
  private static boolean awaitAlive(ExecutorService pool, Beat beat) throws InterruptedException {
    for (int i = 0; i < IN_FLIGHT_GRACE_SECONDS; i++) {
      if (pool.awaitTermination(1, TimeUnit.SECONDS)) {
        return true;
      }
      beat.quietly();
    }
    return pool.isTerminated();
  }

  static final int IN_FLIGHT_GRACE_SECONDS = 10;

  /**
   * Calls in flight across every activity of this worker. Each activity's pool is 30 wide; fifty
   * converges at once would open 1,500 connections, each a TLS handshake (a client certificate's
   * RSA signature), and queue them all at one API server. Past this many, items wait their turn.
   */
  static final int WORKER_IN_FLIGHT = 64;

  private static final Semaphore IN_FLIGHT = new Semaphore(WORKER_IN_FLIGHT, true);

  /**
   * At most this many of those calls for one tenant (the run's fairness key,
   * docs/operations.md#fairness): one tenant's fifty converges fanning out cannot take every slot
   * from another's one.
   */
  static final int TENANT_IN_FLIGHT = WORKER_IN_FLIGHT / 2;

  private static final Map<String, Semaphore> TENANTS = new ConcurrentHashMap<>();

  /** Runs without a key (started without fairness) share one unlimited pool, as before. */
  private static final Semaphore NO_TENANT = new Semaphore(Integer.MAX_VALUE);

  static Semaphore tenantShare(String key) {
    return key == null || key.isEmpty()
        ? NO_TENANT
        : TENANTS.computeIfAbsent(key, k -> new Semaphore(TENANT_IN_FLIGHT, true));
  }

  private static String currentTenant() {
    try {
      Priority priority = Activity.getExecutionContext().getInfo().getPriority();
      return priority == null ? null : priority.getFairnessKey();
    } catch (IllegalStateException | NullPointerException outsideAnActivity) {
      return null;
    }
  }

  /**
   * Heartbeats at least once a second of waiting, however quickly each item finishes: the heartbeat
   * is where a cancel reaches the activity.
   */
  private static final class Beat {
    private final Runnable heartbeat;
    private long last = System.nanoTime();

    Beat(Runnable heartbeat) {
      this.heartbeat = heartbeat;
    }

    /** While stopping: a canceled activity's heartbeat throws, which is already known here. */
    void quietly() {
      try {
        heartbeat.run();
      } catch (RuntimeException alreadyStopping) {
        // keep waiting for the calls in flight
      }
    }

    void maybe() {
      long now = System.nanoTime();
      if (now - last >= TimeUnit.SECONDS.toNanos(1)) {
        last = now;
        heartbeat.run();
      }
    }
  }

  /**
   * Until every item is done, or any item has failed: an item waiting for a gate must not hide a
   * rejection behind it. The failure is rethrown as it was.
   */
  private static <R> void awaitAll(
      CountDownLatch finished, AtomicInteger firstFailed, List<Future<R>> futures, Beat beat) {
    try {
      while (!finished.await(100, TimeUnit.MILLISECONDS) && firstFailed.get() < 0) {
        beat.maybe();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    beat.maybe();
    if (firstFailed.get() >= 0) {
      result(futures.get(firstFailed.get()));
    }
  }

  /** The result of a finished item; its failure rethrown as it was. */
  private static <R> R result(Future<R> future) {
    try {
      return future.get();
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
