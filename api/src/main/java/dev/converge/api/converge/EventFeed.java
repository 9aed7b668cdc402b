package dev.converge.api.converge;

import dev.converge.api.error.UnavailableException;
import dev.converge.workflows.model.Operation;
import dev.converge.workflows.model.Progress;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events stream: polls the run's {@code progress} query and writes a JSON line whenever it
 * changes, until the run ends. Polling (not a signal channel) keeps the workflow unaware of
 * watchers, and a stream opened on a finished run still gets its end line at once. Each line is
 * sent through a {@link ResponseBodyEmitter}, which flushes it to the client at once: the stream
 * Spring hands a {@code StreamingResponseBody} ignores {@code flush()}, so every line of a run
 * reached the client only at its end. Each stream has a thread of its own pool for as long as it
 * lasts, so no stream waits behind another.
 */
@Component
public class EventFeed {
  /** Consecutive Temporal outages tolerated before the stream gives up with an error line. */
  static final int MAX_MISSES = 30;

  private static final Logger log = LoggerFactory.getLogger(EventFeed.class);
  private final Converges converges;
  private final JsonMapper json;
  private final Duration interval;
  private final Clock clock = Clock.systemUTC();
  private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
  private final ExecutorService streams =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "events-stream");
            thread.setDaemon(true);
            return thread;
          });

  public EventFeed(
      Converges converges,
      JsonMapper json,
      @Value("${converge.api.events-interval:1s}") Duration interval) {
    this.converges = converges;
    this.json = json;
    this.interval = interval;
  }

  /** Looks the run up first, so an unknown workflow is a 404, not an empty stream. */
  public ResponseBodyEmitter open(String workflowId) {
    RunStatus first = converges.status(workflowId, null);
    // No timeout: a stream lasts as long as its run (up to the run's own timeout).
    ResponseBodyEmitter emitter = new ResponseBodyEmitter(0L);
    streams.execute(
        () -> {
          try {
            follow(first, line -> emitter.send(line, NDJSON));
            emitter.complete();
          } catch (IOException | RuntimeException e) {
            // The client went away (or the stream broke): nothing left to tell it.
            emitter.completeWithError(e);
          }
        });
    return emitter;
  }

  @PreDestroy
  void close() {
    streams.shutdownNow();
  }

  /** Where the lines go: one call per line, sent as it is written. */
  interface Lines {
    void send(String line) throws IOException;
  }

  private void follow(RunStatus first, Lines out) throws IOException {
    write(out, RunEvent.run(first, clock.instant()));
    RunStatus current = first;
    Progress shown = null;
    int misses = 0;
    while (true) {
      Progress progress = current.progress();
      if (progress != null && !progress.equals(shown)) {
        write(out, RunEvent.progress(progress, clock.instant()));
        writeChanged(out, shown, progress.operations());
        List<String> before = shown == null ? List.of() : shown.lastLogLines();
        for (String line : progress.lastLogLines()) {
          if (!before.contains(line)) {
            write(out, RunEvent.log(line, clock.instant()));
          }
        }
        shown = progress;
      }
      if (!current.running()) {
        // The last changes happened between two polls: the report has how every operation ended.
        if (current.report() != null) {
          writeChanged(out, shown, current.report().operations());
        }
        write(out, RunEvent.end(current, clock.instant()));
        return;
      }
      sleep();
      try {
        current = converges.status(first.workflowId(), first.runId());
        misses = 0;
      } catch (RuntimeException e) {
        // Any failed read (an outage, a rate limit, a timed-out query) is retried: ending the
        // stream without its end line would leave the client with no outcome at all.
        if (++misses >= MAX_MISSES) {
          write(out, RunEvent.error(reason(e), clock.instant()));
          return;
        }
        if (!(e instanceof UnavailableException)) {
          log.warn(
              "events stream of {}: reading the run failed, retrying: {}",
              first.workflowId(),
              e.toString());
        }
      }
    }
  }

  /** One line per operation that is new or changed since {@code shown}. */
  private void writeChanged(Lines out, Progress shown, List<Operation> operations)
      throws IOException {
    Set<Operation> seen = shown == null ? Set.of() : new HashSet<>(shown.operations());
    for (Operation operation : operations) {
      if (!seen.contains(operation)) {
        write(out, RunEvent.operation(operation, clock.instant()));
      }
    }
  }

  private static String reason(RuntimeException e) {
    return e instanceof UnavailableException
        ? e.getMessage()
        : "reading the run's status failed (" + e.getClass().getSimpleName() + ")";
  }

  private void write(Lines out, RunEvent event) throws IOException {
    out.send(json.writeValueAsString(event) + "\n");
  }

  private void sleep() throws IOException {
    try {
      Thread.sleep(interval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("events stream interrupted", e);
    }
  }
}
