package dev.converge.faults;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for the real-tier crash suite, off unless {@code CONVERGE_CRASH_POINT} is set
 * ({@code <ActivityType>#<n>}, e.g. {@code ApplyResources#2}): the n-th execution of that activity
 * type on this worker writes {@code CONVERGE_CRASH_MARKER} and then holds still, so the test can
 * kill the JVM exactly inside that activity. A production worker never sets it.
 */
final class CrashPoint extends WorkerInterceptorBase {
  private final String activityType;
  private final int occurrence;
  private final Path marker;
  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

  CrashPoint(String spec, Path marker) {
    int hash = spec.indexOf('#');
    this.activityType = hash < 0 ? spec : spec.substring(0, hash);
    this.occurrence = hash < 0 ? 1 : Integer.parseInt(spec.substring(hash + 1));
    this.marker = marker;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityExecutionContext context;

      @Override
      public void init(ActivityExecutionContext context) {
        this.context = context;
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        String type = context.getInfo().getActivityType();
        if (type.equals(activityType)
            && seen.computeIfAbsent(type, t -> new AtomicInteger()).incrementAndGet()
                == occurrence) {
          hold(type);
        }
        return super.execute(input);
      }
    };
  }

  private void hold(String type) {
    try {
      Files.writeString(marker, type + "#" + occurrence + " " + System.currentTimeMillis());
      Thread.sleep(600_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
