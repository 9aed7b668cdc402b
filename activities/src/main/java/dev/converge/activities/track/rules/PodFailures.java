package dev.converge.activities.track.rules;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The failures a pod shows right now (docs/semantics.md#tracking-failures). Pure. */
public final class PodFailures {
  /** Waiting reasons that mean the container cannot start without someone fixing something. */
  static final Set<String> FAILING_WAIT_REASONS =
      Set.of("ImagePullBackOff", "ErrImagePull", "CrashLoopBackOff", "CreateContainerConfigError");

  private PodFailures() {}

  public static List<PodFailure> observe(Pod pod) {
    List<PodFailure> failures = new ArrayList<>();
    if (pod.getStatus() == null) {
      return failures;
    }
    String name = pod.getMetadata().getName();
    for (ContainerStatus status : orEmpty(pod.getStatus().getInitContainerStatuses())) {
      waiting(name, status, failures);
      ContainerStateTerminated terminated =
          status.getState() == null ? null : status.getState().getTerminated();
      if (terminated != null && Numbers.orZero(terminated.getExitCode()) != 0) {
        failures.add(
            new PodFailure(
                name,
                status.getName(),
                terminated.getReason() == null ? "Error" : terminated.getReason(),
                exitText(terminated),
                Numbers.orZero(status.getRestartCount())));
      }
    }
    for (ContainerStatus status : orEmpty(pod.getStatus().getContainerStatuses())) {
      waiting(name, status, failures);
    }
    return failures;
  }

  private static void waiting(String pod, ContainerStatus status, List<PodFailure> failures) {
    ContainerStateWaiting waiting =
        status.getState() == null ? null : status.getState().getWaiting();
    if (waiting == null || !FAILING_WAIT_REASONS.contains(waiting.getReason())) {
      return;
    }
    String message = waiting.getMessage();
    ContainerStateTerminated last =
        status.getLastState() == null ? null : status.getLastState().getTerminated();
    if ((message == null || message.isBlank()) && last != null) {
      message = "last run: " + exitText(last);
    }
    failures.add(
        new PodFailure(
            pod,
            status.getName(),
            waiting.getReason(),
            message,
            Numbers.orZero(status.getRestartCount())));
  }

  private static String exitText(ContainerStateTerminated terminated) {
    String text = "exit code " + Numbers.orZero(terminated.getExitCode());
    return terminated.getMessage() == null ? text : text + ": " + terminated.getMessage();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
