package dev.converge.activities.render;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loading helm-java's native library starts a Go runtime that takes over SIGTERM and SIGINT: the
 * JVM then ignores {@code kill} and never runs its shutdown hooks (seen on the local stack: the
 * worker kept running until SIGKILL). After the library is loaded we hand those signals back to
 * the JVM, so a plain {@code kill} stops the worker gracefully again.
 */
final class NativeSignals {
  private static final Logger LOG = LoggerFactory.getLogger(NativeSignals.class);
  private static final AtomicBoolean RECLAIMED = new AtomicBoolean();

  private NativeSignals() {}

  static void reclaimAfterNativeLoad() {
    if (!RECLAIMED.compareAndSet(false, true)) {
      return;
    }
    for (String[] signal : new String[][] {{"TERM", "143"}, {"INT", "130"}}) {
      try {
        int status = Integer.parseInt(signal[1]);
        sun.misc.Signal.handle(new sun.misc.Signal(signal[0]), s -> new Thread(() -> System.exit(status), "exit-on-SIG" + signal[0]).start());
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        LOG.warn("cannot take SIG{} back from helm's Go runtime; stop the worker with SIGKILL: {}", signal[0], e.toString());
      }
    }
  }
}
