package dev.converge.activities.track.rules;

/**
 * One failure seen on one container of a pod, or one failure event about a pod or another object
 * (then {@code pod} is {@code Kind/name} and {@code container} may be null).
 *
 * @param restartCount the container's restart count when seen: a crash loop shows the same reason
 *     again and again, the restart count tells the crashes apart
 */
public record PodFailure(
    String pod, String container, String reason, String message, int restartCount) {

  /** Identity of the observation, so the same state delivered twice is counted once. */
  public String key() {
    return pod + "|" + container + "|" + reason + "|" + restartCount;
  }

  /** What people read, e.g. {@code pod web-1 container app: CrashLoopBackOff: back-off 10s}. */
  public String describe() {
    String subject = pod.contains("/") ? pod : "pod " + pod;
    String text = subject + (container == null ? "" : " container " + container) + ": " + reason;
    return message == null || message.isBlank() ? text : text + ": " + message;
  }
}
