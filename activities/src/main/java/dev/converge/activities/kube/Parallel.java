package dev.converge.activities.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
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
    Beat beat = new Beat(heartbeat);
    AtomicBoolean stopping = new AtomicBoolean();
    try {
      for (T item : items) {
        futures.add(pool.submit(() -> {
          IN_FLIGHT.acquire();
          STOPPING.set(stopping);
          try {
            return work.apply(item);
          } finally {
            STOPPING.remove();
            IN_FLIGHT.release();
          }
        }));
      }
      List<R> out = awaitAll(futures, beat);
      out.removeIf(java.util.Objects::isNull);
      return out;
    } finally {
      stopping.set(true);
      stop(pool, futures, beat);
    }
  }

  private static final ThreadLocal<AtomicBoolean> STOPPING = new ThreadLocal<>();

  /**
   * True inside an item whose fan-out is stopping (canceled, or another item failed): a wait (for
   * a gate, a CRD, a deletion) gives up at once instead of holding the stop for its grace period.
   */
  static boolean stopping() {
    AtomicBoolean stopping = STOPPING.get();
    return stopping != null && stopping.get();
  }

  /**
   * On cancellation or failure: nothing new starts, and the calls already sent finish before the
   * activity ends, so compensation that runs after it sees every object this activity wrote.
   * Calls in flight get a grace period before the threads are interrupted; what is still running
   * then is waiting (for an external dependency, a CRD, a deletion), not writing.
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

  /** Waits up to the grace period, heartbeating, so the activity is not timed out while it stops. */
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
  private static final java.util.concurrent.Semaphore IN_FLIGHT = new java.util.concurrent.Semaphore(WORKER_IN_FLIGHT, true);

  /**
   * Heartbeats at least once a second of waiting, however quickly each item finishes: the
   * heartbeat is where a cancel reaches the activity.
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
   * Results in input order. Any item's failure ends the wait at once, not only the next one's in
   * line: an item waiting for a gate must not hide a rejection behind it.
   */
  private static <R> List<R> awaitAll(List<Future<R>> futures, Beat beat) {
    int next = 0; // every item before it has succeeded
    while (true) {
      while (next < futures.size() && futures.get(next).isDone()) {
        result(futures.get(next++));
      }
      if (next == futures.size()) {
        break;
      }
      for (int i = next + 1; i < futures.size(); i++) {
        if (futures.get(i).isDone()) {
          result(futures.get(i));
        }
      }
      try {
        futures.get(next).get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // a failure is thrown by result() on the next pass
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      beat.maybe();
    }
    List<R> out = new ArrayList<>();
    futures.forEach(f -> out.add(result(f)));
    return out;
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
