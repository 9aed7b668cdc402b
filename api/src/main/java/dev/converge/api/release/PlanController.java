package dev.converge.api.release;

import dev.converge.api.auth.Caller;
import dev.converge.api.temporal.StartedRun;
import dev.converge.workflows.WorkflowType;
import dev.converge.workflows.model.ConvergeRequest;
import dev.converge.workflows.model.RequestParser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Plans over REST: what a converge of this request would do, nothing written. */
@RestController
public class PlanController {
  private final ReleaseRuns runs;

  public PlanController(ReleaseRuns runs) {
    this.runs = runs;
  }

  @Operation(
      summary =
          "Plan a converge (body: a converge request): 200 with operations, per-object diffs (Secret data "
              + "masked), planDigest and exitCode (0 no changes, 2 changes); 422 when the plan fails; ?wait=false: 202")
  @PostMapping("/api/v1/plans")
  public ResponseEntity<Object> plan(
      @RequestBody Map<String, Object> body,
      @RequestParam(defaultValue = "true") boolean wait,
      @Parameter(hidden = true) @AuthenticationPrincipal Caller caller) {
    ConvergeRequest request = RequestParser.parse(body);
    caller.require(request.kubeContext(), request.namespace());
    caller.requireChartSources(request.chart(), request);
    String id =
        "plan/" + request.kubeContext() + "/" + request.namespace() + "/" + request.release();
    StartedRun run = runs.start(WorkflowType.PLAN, id, body);
    return wait ? ResponseEntity.ok(runs.awaitPlan(run)) : ResponseEntity.accepted().body(run);
  }
}
