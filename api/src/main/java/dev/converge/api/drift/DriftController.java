package dev.converge.api.drift;

import dev.converge.api.temporal.StartedRun;
import dev.converge.workflows.drift.DriftRequest;
import dev.converge.workflows.drift.DriftRequests;
import dev.converge.workflows.model.Fields;
import dev.converge.workflows.model.InvalidRequestException;
import dev.converge.workflows.model.InvalidRequestException.FieldProblem;
import dev.converge.workflows.model.ReleaseTarget;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A release's drift schedule and checks on request (docs/contracts.md#drift-schedules). The path
 * limits a token to its contexts and namespaces, as every release path.
 */
@RestController
public class DriftController {
  private static final Set<String> CHECK_KEYS = Set.of("mode", "ignore", "timeoutSeconds");
  private static final Set<String> PUT_KEYS =
      Set.of("interval", "paused", "mode", "ignore", "timeoutSeconds");
  private final DriftSchedules schedules;

  public DriftController(DriftSchedules schedules) {
    this.schedules = schedules;
  }

  @Operation(
      summary =
          "Create or replace the release's drift schedule: {interval: 5m, mode: warn|correct, ignore:"
              + " [{kind, name, paths}], timeoutSeconds, paused}; answers the schedule")
  @PutMapping("/api/v1/releases/{namespace}/{release}/drift")
  public DriftScheduleView put(
      @PathVariable String namespace,
      @PathVariable String release,
      @RequestParam(defaultValue = "default") String kubeContext,
      @RequestBody Object body) {
    Fields f = Fields.of(body, PUT_KEYS);
    DriftSettings settings = DriftSettings.read(f);
    Map<String, Object> input = input(namespace, release, kubeContext, f.map());
    DriftRequest request = parse(input, f.problems());
    return schedules.put(request, input, settings);
  }

  @Operation(summary = "The release's drift schedule, its next and recent checks, the last report")
  @GetMapping("/api/v1/releases/{namespace}/{release}/drift")
  public DriftScheduleView get(
      @PathVariable String namespace,
      @PathVariable String release,
      @RequestParam(defaultValue = "default") String kubeContext) {
    return schedules.get(target(namespace, release, kubeContext));
  }

  @Operation(summary = "Delete the release's drift schedule: 204; 404 when it has none")
  @DeleteMapping("/api/v1/releases/{namespace}/{release}/drift")
  public ResponseEntity<Void> delete(
      @PathVariable String namespace,
      @PathVariable String release,
      @RequestParam(defaultValue = "default") String kubeContext) {
    schedules.delete(target(namespace, release, kubeContext));
    return ResponseEntity.noContent().build();
  }

  @Operation(
      summary =
          "One drift check now (the schedule's ignore rules unless the body gives its own; mode warn"
              + " unless asked): 202, or with ?wait=true 200 with the report")
  @PostMapping("/api/v1/releases/{namespace}/{release}/drift/check")
  public ResponseEntity<Object> check(
      @PathVariable String namespace,
      @PathVariable String release,
      @RequestParam(defaultValue = "default") String kubeContext,
      @RequestParam(defaultValue = "false") boolean wait,
      @RequestBody(required = false) Object body) {
    Fields f = Fields.of(body == null ? Map.of() : body, CHECK_KEYS);
    Map<String, Object> given = input(namespace, release, kubeContext, f.map());
    DriftRequest checked = parse(given, f.problems());
    Map<String, Object> input = given;
    if (!f.map().containsKey("ignore")) {
      Map<String, Object> scheduled = schedules.scheduledInput(checked.target());
      if (scheduled != null && scheduled.get("ignore") != null) {
        input = new LinkedHashMap<>(given);
        input.put("ignore", scheduled.get("ignore"));
      }
    }
    DriftRequest request = DriftRequests.parse(input);
    StartedRun run = schedules.checkNow(request, input);
    return wait ? ResponseEntity.ok(schedules.await(run)) : ResponseEntity.accepted().body(run);
  }

  private static Map<String, Object> input(
      String namespace, String release, String kubeContext, Map<?, ?> body) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("release", release);
    input.put("namespace", namespace);
    input.put("kubeContext", kubeContext);
    for (String key : CHECK_KEYS) {
      if (body.get(key) != null) {
        input.put(key, body.get(key));
      }
    }
    return input;
  }

  /** The check's problems and the body's own, in one answer. */
  private static DriftRequest parse(Map<String, Object> input, List<FieldProblem> earlier) {
    try {
      DriftRequest request = DriftRequests.parse(input);
      if (!earlier.isEmpty()) {
        throw new InvalidRequestException(earlier);
      }
      return request;
    } catch (InvalidRequestException e) {
      List<FieldProblem> all = new ArrayList<>(earlier);
      e.problems().stream().filter(p -> !all.contains(p)).forEach(all::add);
      throw new InvalidRequestException(all);
    }
  }

  private static ReleaseTarget target(String namespace, String release, String kubeContext) {
    return parse(input(namespace, release, kubeContext, Map.of()), List.of()).target();
  }
}
