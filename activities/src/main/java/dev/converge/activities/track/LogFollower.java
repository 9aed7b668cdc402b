package dev.converge.activities.track;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the logs of one pod of a workload (docs/semantics.md#tracking-logs: one replica's
 * containers), polled by the tracking loop. Logs are only shown: any error fetching them is logged
 * and ignored.
 */
final class LogFollower {
  static final int FAILURE_LINES = 20;
  private static final Logger LOG = LoggerFactory.getLogger(LogFollower.class);

  private final KubernetesClient client;
  private final String namespace;
  private final LogFilter filter;
  private final Instant since;
  private final Consumer<String> sink;
  private final Map<String, LogCursor> cursors = new HashMap<>();
  private final Deque<String> recent = new ArrayDeque<>();
  private String pod;

  LogFollower(
      KubernetesClient client,
      String namespace,
      LogFilter filter,
      Instant since,
      Consumer<String> sink) {
    this.client = client;
    this.namespace = namespace;
    this.filter = filter;
    this.since = since;
    this.sink = sink;
  }

  /** Fetches new lines of the followed pod, choosing one first if needed. */
  void poll(List<Pod> pods) {
    if (!filter.showAny() || pods.isEmpty()) {
      return;
    }
    Pod chosen =
        pods.stream().filter(p -> p.getMetadata().getName().equals(pod)).findFirst().orElse(null);
    if (chosen == null) {
      // keep one pod while it exists; prefer a running one, its logs say the most
      chosen =
          pods.stream()
              .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
              .findFirst()
              .orElse(pods.get(0));
      pod = chosen.getMetadata().getName();
      cursors.clear();
    }
    for (String container : startedContainers(chosen)) {
      if (filter.showContainer(container)) {
        fetch(container);
      }
    }
  }

  /** The last lines of a container (its previous run when the current one has none yet). */
  List<String> lastLines(String podName, String container) {
    if (!filter.showContainer(container)) {
      return List.of();
    }
    try {
      var log = container(podName, container);
      String text = log.tailingLines(FAILURE_LINES).getLog();
      if (text == null || text.isBlank()) {
        text = log.terminated().tailingLines(FAILURE_LINES).getLog();
      }
      List<String> lines = new ArrayList<>();
      for (String line : text == null ? new String[0] : text.split("\r?\n")) {
        if (!line.isBlank() && filter.showLine(container, line)) {
          lines.add(line);
        }
      }
      return lines.subList(Math.max(0, lines.size() - FAILURE_LINES), lines.size());
    } catch (RuntimeException e) {
      LOG.debug("no logs of {}/{}: {}", podName, container, e.toString());
      return List.of();
    }
  }

  /** The last lines shown, newest last. */
  List<String> recent() {
    return List.copyOf(recent);
  }

  private void fetch(String container) {
    LogCursor cursor = cursors.computeIfAbsent(container, c -> new LogCursor(since));
    String raw;
    try {
      raw = container(pod, container).usingTimestamps().sinceTime(cursor.sinceTime()).getLog();
    } catch (RuntimeException e) {
      LOG.debug("cannot fetch logs of {}/{}: {}", pod, container, e.toString());
      return;
    }
    for (String line : cursor.newLines(raw)) {
      if (filter.showLine(container, line)) {
        String shown = pod + "/" + container + ": " + line;
        recent.addLast(shown);
        if (recent.size() > FAILURE_LINES) {
          recent.removeFirst();
        }
        sink.accept(shown);
      }
    }
  }

  /** No wait for the pod to become ready: a crash-looping pod never does, and the loop waits. */
  private ContainerResource container(String podName, String container) {
    return client
        .pods()
        .inNamespace(namespace)
        .withName(podName)
        .inContainer(container)
        .withReadyWaitTimeout(0);
  }

  /** Asking for logs of a container that never started is an error from the API server. */
  private static List<String> startedContainers(Pod pod) {
    List<String> names = new ArrayList<>();
    if (pod.getStatus() == null) {
      return names;
    }
    List<ContainerStatus> statuses = new ArrayList<>();
    if (pod.getStatus().getInitContainerStatuses() != null) {
      statuses.addAll(pod.getStatus().getInitContainerStatuses());
    }
    if (pod.getStatus().getContainerStatuses() != null) {
      statuses.addAll(pod.getStatus().getContainerStatuses());
    }
    for (ContainerStatus status : statuses) {
      boolean ran =
          status.getState() != null
                  && (status.getState().getRunning() != null
                      || status.getState().getTerminated() != null)
              || status.getLastState() != null && status.getLastState().getTerminated() != null;
      if (ran) {
        names.add(status.getName());
      }
    }
    return names;
  }
}
