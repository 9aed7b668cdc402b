package dev.converge.workflows.plan;

import static dev.converge.workflows.contract.Annotations.*;

import dev.converge.workflows.contract.TrackSpec;
import dev.converge.workflows.contract.TrackSpec.FailMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The tracking annotations of docs/semantics.md#annotations into a {@link TrackSpec}. */
final class TrackingReader {
  static final int MAX_LOG_REPLICAS = 10;

  private TrackingReader() {}

  static TrackSpec read(AnnotationReader read, boolean nelm131) {
    boolean nonBlocking =
        "NonBlocking"
            .equals(
                read.oneOf(
                    TRACK_TERMINATION_MODE,
                    Set.of("WaitUntilResourceReady", "NonBlocking"),
                    "WaitUntilResourceReady"));
    FailMode failMode =
        switch (read.oneOf(
            FAIL_MODE,
            Set.of(
                "FailWholeDeployProcessImmediately",
                "IgnoreAndContinueDeployProcess",
                "HopeUntilEndOfDeployProcess"),
            "FailWholeDeployProcessImmediately")) {
          case "IgnoreAndContinueDeployProcess" -> FailMode.IGNORE_AND_CONTINUE_DEPLOY_PROCESS;
          case "HopeUntilEndOfDeployProcess" -> FailMode.HOPE_UNTIL_END_OF_DEPLOY_PROCESS;
          default -> FailMode.FAIL_WHOLE_DEPLOY_PROCESS_IMMEDIATELY;
        };
    Map<String, Integer> probeWindows = new HashMap<>();
    Map<String, String> regexFor = new HashMap<>();
    Map<String, String> skipFor = new HashMap<>();
    // Sorted: annotation maps have no stable order, and errors must come out the same every run.
    new TreeMap<>(read.all())
        .forEach(
            (name, value) -> {
              if (name.startsWith(IGNORE_PROBE_PREFIX)) {
                probeWindows.put(
                    name.substring(IGNORE_PROBE_PREFIX.length()),
                    read.durationSeconds(name, value, 0));
              } else if (nelm131 && name.startsWith(LOG_REGEX_SKIP_FOR_PREFIX)) {
                String regex = read.regex(name, value);
                if (regex != null) {
                  skipFor.put(name.substring(LOG_REGEX_SKIP_FOR_PREFIX.length()), regex);
                }
              } else if (name.startsWith(LOG_REGEX_FOR_PREFIX)) {
                String regex = read.regex(name, value);
                if (regex != null) {
                  regexFor.put(name.substring(LOG_REGEX_FOR_PREFIX.length()), regex);
                }
              }
            });
    return new TrackSpec(
        nonBlocking,
        failMode,
        read.nonNegativeInt(FAILURES_ALLOWED),
        read.durationSeconds(
            NO_ACTIVITY_TIMEOUT,
            read.get(NO_ACTIVITY_TIMEOUT),
            TrackSpec.DEFAULT_NO_ACTIVITY_SECONDS),
        probeWindows,
        read.regex(LOG_REGEX, read.get(LOG_REGEX)),
        regexFor,
        read.bool(SKIP_LOGS),
        containers(read, SKIP_LOGS_FOR),
        containers(read, SHOW_LOGS_ONLY_FOR),
        read.bool(SHOW_SERVICE_MESSAGES),
        nelm131 ? read.regex(LOG_REGEX_SKIP, read.get(LOG_REGEX_SKIP)) : null,
        skipFor,
        nelm131 ? replicas(read) : null);
  }

  private static Integer replicas(AnnotationReader read) {
    Integer replicas = read.nonNegativeInt(SHOW_LOGS_FOR_REPLICAS);
    if (replicas != null && replicas > MAX_LOG_REPLICAS) {
      read.invalid(
          SHOW_LOGS_FOR_REPLICAS,
          read.get(SHOW_LOGS_FOR_REPLICAS),
          "must be at most " + MAX_LOG_REPLICAS + " (each pod followed is a log request a poll)");
      return MAX_LOG_REPLICAS;
    }
    return replicas;
  }

  private static Set<String> containers(AnnotationReader read, String name) {
    String value = read.get(name);
    return value == null ? Set.of() : read.list(name, value, null);
  }
}
