package dev.converge.api.converge;

import dev.converge.api.auth.Caller;
import dev.converge.api.error.InvalidParameterException;
import dev.converge.api.temporal.StartedRun;
import dev.converge.workflows.model.ApprovalDecision;
import dev.converge.workflows.model.ConvergeRequest;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.RequestParser;
import dev.converge.workflows.planning.PlanResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * The REST surface (docs/contracts.md#rest-endpoints) for converges. Workflow ids contain slashes
 * ({@code converge/<ctx>/<ns>/<release>}), so they appear in paths as they are: {@code
 * /api/v1/converges/converge/default/shop-prod/shop}. Errors are mapped in ApiErrors.
 */
@RestController
@RequestMapping("/api/v1/converges")
public class ConvergeController {
  static final String NDJSON = "application/x-ndjson";
  private static final String ID = "/converge/{context}/{namespace}/{release}";
  private final Converges converges;
  private final EventFeed events;

  public ConvergeController(Converges converges, EventFeed events) {
    this.converges = converges;
    this.events = events;
  }

  @Operation(
      summary = "Start a converge: 202 with its ids, or with ?wait=true 200/422 with the report")
  @PostMapping
  public ResponseEntity<Object> start(
      @RequestBody Map<String, Object> body,
      @RequestParam(defaultValue = "false") boolean wait,
      @Parameter(hidden = true) @AuthenticationPrincipal Caller caller) {
    ConvergeRequest request = RequestParser.parse(body);
    caller.require(request.kubeContext(), request.namespace());
    caller.requireChartSources(request.chart(), request);
    StartedRun run = converges.start(request, body, caller.name());
    if (!wait) {
      return ResponseEntity.accepted().body(run);
    }
    ConvergeResult report = converges.await(run);
    return ResponseEntity.ok(report);
  }

  @Operation(summary = "Past and current runs from Temporal visibility, newest first")
  @GetMapping
  public List<RunSummary> list(
      @RequestParam(required = false) String release,
      @RequestParam(required = false) String namespace,
      @RequestParam(required = false) String outcome,
      @RequestParam(defaultValue = "20") int limit,
      @Parameter(hidden = true) @AuthenticationPrincipal Caller caller) {
    return converges.list(new RunFilter(release, namespace, outcome, limit, caller));
  }

  @Operation(summary = "The latest run: status, live progress while it runs, report once it ended")
  @GetMapping(ID)
  public RunStatus status(
      @PathVariable String context, @PathVariable String namespace, @PathVariable String release) {
    return converges.status(ConvergeRequest.workflowId(context, namespace, release), null);
  }

  @Operation(
      summary = "Live NDJSON stream of progress and log lines; the last line carries the outcome")
  @GetMapping(value = ID + "/events", produces = NDJSON)
  public ResponseEntity<ResponseBodyEmitter> events(
      @PathVariable String context, @PathVariable String namespace, @PathVariable String release) {
    return ResponseEntity.ok()
        .header("Content-Type", NDJSON)
        .body(events.open(ConvergeRequest.workflowId(context, namespace, release)));
  }

  @Operation(
      summary =
          "Cancel the running converge (409 when it already ended); what it created is deleted")
  @PostMapping(ID + "/cancel")
  public ResponseEntity<Map<String, String>> cancel(
      @PathVariable String context, @PathVariable String namespace, @PathVariable String release) {
    RunStatus run = converges.cancel(ConvergeRequest.workflowId(context, namespace, release));
    return ResponseEntity.accepted()
        .body(
            Map.of(
                "workflowId",
                run.workflowId(),
                "runId",
                run.runId(),
                "cancel",
                "requested; compensation runs before the run ends"));
  }

  @Operation(
      summary =
          "The plan this converge waits to have approved (operations, diffs, planDigest); 404 when none waits")
  @GetMapping(ID + "/plan")
  public PlanResult plan(
      @PathVariable String context, @PathVariable String namespace, @PathVariable String release) {
    return converges.pendingPlan(ConvergeRequest.workflowId(context, namespace, release));
  }

  @Operation(
      summary =
          "Approve or reject the waiting plan: body {planDigest, approve (default true), reason}; the "
              + "decision is recorded with this token's name. 409 when no plan waits or the digest is not the waiting plan's; "
              + "403 when four-eyes approval is on and this token started the converge")
  @PostMapping(ID + "/approve")
  public Map<String, String> approve(
      @PathVariable String context,
      @PathVariable String namespace,
      @PathVariable String release,
      @RequestBody Map<String, Object> body,
      @Parameter(hidden = true) @AuthenticationPrincipal Caller caller) {
    Object digest = body.get("planDigest");
    if (!(digest instanceof String d) || !d.startsWith("sha256:")) {
      throw new InvalidParameterException(
          "planDigest", "must be the sha256:... digest of the plan you approve");
    }
    Object approve = body.getOrDefault("approve", true);
    if (!(approve instanceof Boolean yes)) {
      throw new InvalidParameterException("approve", "must be true or false");
    }
    Object reason = body.get("reason");
    String id = ConvergeRequest.workflowId(context, namespace, release);
    if (yes && caller.fourEyes()) {
      caller.requireMayApprove(id, converges.startedBy(id));
    }
    String result =
        converges.approve(
            id,
            new ApprovalDecision(
                d, yes, caller.name(), reason == null ? null : String.valueOf(reason)));
    return Map.of("workflowId", id, "result", result);
  }

  @Operation(
      summary = "Audit view of one run: each step with scheduled, started, closed time and outcome")
  @GetMapping(ID + "/runs/{runId}/timeline")
  public Timeline timeline(
      @PathVariable String context,
      @PathVariable String namespace,
      @PathVariable String release,
      @PathVariable String runId) {
    return converges.timeline(ConvergeRequest.workflowId(context, namespace, release), runId);
  }
}
