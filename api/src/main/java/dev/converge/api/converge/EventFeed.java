package dev.converge.api.converge;

import dev.converge.api.error.UnavailableException;
import dev.converge.workflows.model.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events stream: polls the run's {@code progress} query and writes a JSON line whenever it
 * changes, until the run ends. Polling (not a signal channel) keeps the workflow unaware of
 * watchers, and a stream opened on a finished run still gets its end line at once.
 */
@Component
public class EventFeed {
  /** Consecutive Temporal outages tolerated before the stream gives up with an error line. */
  static final int MAX_MISSES = 30;
  private final Converges converges;
  private final JsonMapper json;
  private final Duration interval;
  private final Clock clock = Clock.systemUTC();

  public EventFeed(Converges converges, JsonMapper json, @Value("${converge.api.events-interval:1s}") Duration interval) {
    this.converges = converges;
    this.json = json;
    this.interval = interval;
  }

  /** Looks the run up first, so an unknown workflow is a 404, not an empty stream. */
  public StreamingResponseBody open(String workflowId) {
    RunStatus first = converges.status(workflowId, null);
    return out -> follow(first, out);
  }

  private void follow(RunStatus first, OutputStream out) throws IOException {
    write(out, RunEvent.run(first, clock.instant()));
    RunStatus current = first;
    Progress shown = null;
    int misses = 0;
    while (true) {
      Progress progress = current.progress();
      if (progress != null && !progress.equals(shown)) {
        write(out, RunEvent.progress(progress, clock.instant()));
        List<String> before = shown == null ? List.of() : shown.lastLogLines();
        for (String line : progress.lastLogLines()) {
          if (!before.contains(line)) {
            write(out, RunEvent.log(line, clock.instant()));
          }
        }
        shown = progress;
      }
      if (!current.running()) {
        write(out, RunEvent.end(current, clock.instant()));
        return;
      }
      sleep();
      try {
        current = converges.status(first.workflowId(), first.runId());
        misses = 0;
      } catch (UnavailableException e) {
        if (++misses >= MAX_MISSES) {
          write(out, RunEvent.error(e.getMessage(), clock.instant()));
          return;
        }
      }
    }
  }

  private void write(OutputStream out, RunEvent event) throws IOException {
    out.write(json.writeValueAsString(event).getBytes(StandardCharsets.UTF_8));
    out.write('\n');
    out.flush();
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
