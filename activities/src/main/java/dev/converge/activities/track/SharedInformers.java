package dev.converge.activities.track;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Informers shared by the trackings of one client, kept for a while after the last of them ends. A
 * client is one context and one run identity, so whatever one tracking may watch, the others of the
 * same client may too. Each new watch costs a LIST, a WATCH and, when opened alongside others, a
 * full TLS handshake (the JDK resumes one session per server at a time): the next wave of a
 * converge, or a converge in the same namespace, finds its watches open instead.
 *
 * <p>A copy in a shared cache may predate the apply that the tracking follows; TrackRun skips such
 * copies by the uid and generation the apply returned.
 */
final class SharedInformers implements AutoCloseable {
  static final Duration LINGER = Duration.ofSeconds(20);

  private final Duration linger;
  private final ScheduledExecutorService reaper;
  private final Map<Key, Entry> entries = new HashMap<>(); // guarded by this

  /**
   * @param linger how long an informer no tracking uses stays open; zero stops it at once
   */
  SharedInformers(Duration linger) {
    this.linger = linger;
    this.reaper =
        linger.isZero()
            ? null
            : Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "informer-linger");
                  t.setDaemon(true);
                  return t;
                });
  }

  /** Who may share: the same client (object identity), the same watched kind and namespace. */
  private record Key(Object client, String what) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.client == client && k.what.equals(what);
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(client) * 31 + what.hashCode();
    }
  }

  private static final class Entry {
    final SharedIndexInformer<?> informer;
    final CompletableFuture<Void> synced = new CompletableFuture<>();
    int leases;
    ScheduledFuture<?> stop;

    Entry(SharedIndexInformer<?> informer) {
      this.informer = informer;
    }

    /**
     * Failed to start, stopped since, or its watch is down (retrying after an error: its cache may
     * be behind): not to be handed out again.
     */
    boolean broken() {
      return synced.isCompletedExceptionally()
          || (synced.isDone() && (!informer.isRunning() || !informer.isWatching()));
    }
  }

  /** One tracking's use of a shared informer; closing it removes the tracking's handler. */
  static final class Lease<T> implements AutoCloseable {
    private final SharedInformers pool;
    private final Key key;
    private final Entry entry;
    private final ResourceEventHandler<? super T> handler;
    private boolean closed;

    private Lease(
        SharedInformers pool, Key key, Entry entry, ResourceEventHandler<? super T> handler) {
      this.pool = pool;
      this.key = key;
      this.entry = entry;
      this.handler = handler;
    }

    @SuppressWarnings("unchecked")
    SharedIndexInformer<T> informer() {
      return (SharedIndexInformer<T>) entry.informer;
    }

    @Override
    public void close() {
      synchronized (pool) {
        if (closed) {
          return;
        }
        closed = true;
      }
      informer().removeEventHandler(handler);
      pool.release(key, entry);
    }
  }

  /**
   * The informer for {@code what} of this client, started (and synced) by the first caller; the
   * handler then hears every object already in the cache as added, and every change after.
   *
   * @throws RuntimeException when the informer cannot start (the kind is not served yet, the
   *     identity may not list it); the next caller tries afresh
   */
  <T> Lease<T> acquire(
      Object client,
      String what,
      Supplier<SharedIndexInformer<T>> create,
      ResourceEventHandler<? super T> handler) {
    Key key = new Key(client, what);
    Entry entry;
    boolean starter = false;
    synchronized (this) {
      entry = entries.get(key);
      if (entry != null && entry.broken()) {
        entries.remove(key);
        if (entry.leases == 0) {
          stopNow(entry);
        } // else the trackings using it keep it until they end; release() stops it then
        entry = null;
      }
      if (entry == null) {
        entry = new Entry(create.get());
        entries.put(key, entry);
        starter = true;
      }
      entry.leases++;
      if (entry.stop != null) {
        entry.stop.cancel(false);
        entry.stop = null;
      }
    }
    if (starter) {
      Entry started = entry;
      try {
        started
            .informer
            .start()
            .whenComplete(
                (ok, e) -> {
                  if (e == null) {
                    started.synced.complete(null);
                  } else {
                    started.synced.completeExceptionally(e);
                  }
                });
      } catch (RuntimeException e) {
        started.synced.completeExceptionally(e); // the others waiting on it must not hang
      }
    }
    try {
      entry.synced.join();
    } catch (CompletionException e) {
      release(key, entry);
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    @SuppressWarnings("unchecked")
    SharedIndexInformer<T> informer = (SharedIndexInformer<T>) entry.informer;
    informer.addEventHandler(handler);
    return new Lease<>(this, key, entry, handler);
  }

  private void release(Key key, Entry entry) {
    synchronized (this) {
      if (--entry.leases > 0) {
        return;
      }
      boolean replaced = entries.get(key) != entry;
      if (reaper != null && !replaced && !entry.broken()) {
        entry.stop =
            reaper.schedule(() -> expire(key, entry), linger.toMillis(), TimeUnit.MILLISECONDS);
        return;
      }
      entries.remove(key, entry);
    }
    stopNow(entry);
  }

  private static void stopNow(Entry entry) {
    if (entry.stop != null) {
      entry.stop.cancel(false);
    }
    entry.informer.stop();
  }

  private void expire(Key key, Entry entry) {
    synchronized (this) {
      if (entry.leases > 0 || !entries.remove(key, entry)) {
        return;
      }
    }
    entry.informer.stop();
  }

  /** Informers open now, in use or lingering. */
  synchronized int open() {
    return entries.size();
  }

  @Override
  public void close() {
    List<Entry> all;
    synchronized (this) {
      all = new ArrayList<>(entries.values());
      entries.clear();
    }
    all.forEach(e -> e.informer.stop());
    if (reaper != null) {
      reaper.shutdownNow();
    }
  }
}
