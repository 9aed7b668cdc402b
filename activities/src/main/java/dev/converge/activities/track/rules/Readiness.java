package dev.converge.activities.track.rules;

/**
 * What a readiness rule says about one object right now.
 *
 * @param info short status for the INFO column, e.g. {@code 3/3 updated, 2 available}
 * @param reason why it is not ready (or why it failed); null when ready
 */
public record Readiness(Verdict verdict, String info, String reason) {

  public enum Verdict {
    READY,
    WAITING,
    FAILED
  }

  public static Readiness ready(String info) {
    return new Readiness(Verdict.READY, info, null);
  }

  public static Readiness waiting(String info, String reason) {
    return new Readiness(Verdict.WAITING, info, reason);
  }

  public static Readiness failed(String info, String reason) {
    return new Readiness(Verdict.FAILED, info, reason);
  }
}
