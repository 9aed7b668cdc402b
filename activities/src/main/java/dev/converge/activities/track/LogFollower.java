package dev.converge.activities.track;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the logs of a workload's pods (docs/semantics.md#tracking-logs: one replica's containers
 * unless the chart asks for more), polled by the tracking loop. Logs are only shown: any error
 * fetching them is logged and ignored.
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
  private final List<String> followed = new ArrayList<>();

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

  /**
   * Fetches new lines of the followed pods, choosing them first if needed: as many as {@code
   * werf.io/show-logs-only-for-number-of-replicas} (one by default), running ones first, each kept
   * while it exists.
   */
  void poll(List<Pod> pods) {
    int wanted = filter.replicas();
    if (!filter.showAny() || wanted == 0 || pods.isEmpty()) {
      return;
    }
    Map<String, Pod> byName = new LinkedHashMap<>();
    pods.stream()
        .sorted(Comparator.comparing((Pod p) -> !running(p)))
        .forEach(p -> byName.put(p.getMetadata().getName(), p));
    followed.removeIf(name -> !byName.containsKey(name));
    cursors.keySet().removeIf(key -> !followed.contains(key.substring(0, key.indexOf('/'))));
    for (String name : byName.keySet()) {
      if (followed.size() >= wanted) {
        break;
      }
      if (!followed.contains(name)) {
        followed.add(name);
      }
    }
    for (String name : followed) {
      for (String container : startedContainers(byName.get(name))) {
        if (filter.showContainer(container)) {
          fetch(name, container);
        }
      }
    }
  }

  private static boolean running(Pod pod) {
    return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase());
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

  private void fetch(String pod, String container) {
    LogCursor cursor = cursors.computeIfAbsent(pod + "/" + container, c -> new LogCursor(since));
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
