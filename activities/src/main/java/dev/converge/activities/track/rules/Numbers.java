package dev.converge.activities.track.rules;

/** Null-safe reads of the optional integers that status blocks are full of. */
final class Numbers {
  private Numbers() {}

  static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  /** The API server leaves replicas unset to mean 1. */
  static int replicasOrOne(Integer value) {
    return value == null ? 1 : value;
  }

  /** Has the controller seen the latest spec? Objects without a generation count as seen. */
  static boolean observed(Long generation, Long observedGeneration) {
    return generation == null || orZero(observedGeneration) >= generation;
  }

  static String notObserved(Long generation, Long observedGeneration) {
    return "observedGeneration " + orZero(observedGeneration) + " < generation " + generation;
  }
}
