package dev.converge.activities.track.rules;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an event says about a tracked resource or its pods (docs/semantics.md#tracking-failures).
 * Pure.
 */
public final class EventFailures {
  private static final Pattern CONTAINER_FIELD = Pattern.compile("\\{(.+)}");
  private static final Pattern PROBE_RESTART =
      Pattern.compile("failed (liveness|startup) probe, will be restarted");

  public enum Kind {
    /** Unhealthy: Readiness probe failed; counts only past the container's ignore window. */
    READINESS_PROBE,
    /** The kubelet kills the container because its liveness or startup probe failed. */
    PROBE_RESTART,
    /** A Warning whose reason contains Failed (FailedCreate, FailedMount, Failed, ...). */
    FAILED,
    /** Anything else: only shown (show-service-messages), never counted. */
    INFO
  }

  private EventFailures() {}

  public static Kind classify(Event event) {
    String reason = event.getReason() == null ? "" : event.getReason();
    String message = event.getMessage() == null ? "" : event.getMessage();
    if ("Unhealthy".equals(reason) && message.startsWith("Readiness probe failed")) {
      return Kind.READINESS_PROBE;
    }
    if ("Killing".equals(reason) && PROBE_RESTART.matcher(message).find()) {
      return Kind.PROBE_RESTART;
    }
    // Normal events such as the PV controller's FailedBinding (while a claim waits for a volume)
    // describe waiting, not failing.
    if (reason.contains("Failed") && !"Normal".equals(event.getType())) {
      return Kind.FAILED;
    }
    return Kind.INFO;
  }

  /**
   * The event as one failure. Repeats of an event bump its count; each count seen is one failure,
   * the same count delivered again is not.
   */
  public static PodFailure failure(Event event) {
    ObjectReference about = event.getInvolvedObject();
    String container = container(event);
    String subject =
        "Pod".equals(about.getKind()) ? about.getName() : about.getKind() + "/" + about.getName();
    int count = event.getCount() == null ? 1 : event.getCount();
    return new PodFailure(subject, container, event.getReason(), event.getMessage(), count);
  }

  /** {@code spec.containers{app}} -> {@code app}; null when the event is about the whole object. */
  public static String container(Event event) {
    String field = event.getInvolvedObject().getFieldPath();
    if (field == null) {
      return null;
    }
    Matcher matcher = CONTAINER_FIELD.matcher(field);
    return matcher.find() ? matcher.group(1) : null;
  }

  /** When it last happened: lastTimestamp, else eventTime, else when it was first recorded. */
  public static Instant time(Event event) {
    if (event.getLastTimestamp() != null) {
      return Instant.parse(event.getLastTimestamp());
    }
    if (event.getEventTime() != null && event.getEventTime().getTime() != null) {
      return Instant.parse(event.getEventTime().getTime());
    }
    if (event.getFirstTimestamp() != null) {
      return Instant.parse(event.getFirstTimestamp());
    }
    String created = event.getMetadata().getCreationTimestamp();
    return created == null ? Instant.EPOCH : Instant.parse(created);
  }

  /** One line for the log and the failure report. */
  public static String describe(Event event) {
    ObjectReference about = event.getInvolvedObject();
    String container = container(event);
    return "event "
        + about.getKind()
        + "/"
        + about.getName()
        + (container == null ? "" : " container " + container)
        + ": "
        + event.getReason()
        + ": "
        + event.getMessage();
  }
}
