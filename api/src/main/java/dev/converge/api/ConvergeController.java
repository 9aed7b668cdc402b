package dev.converge.api;

import dev.converge.workflows.model.ConvergeRequest;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.InvalidRequestException;
import dev.converge.workflows.model.RequestParser;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * CONTRACTS.md REST surface. Workflow ids contain slashes ({@code converge/<ctx>/<ns>/<release>}),
 * so they appear in paths as they are: {@code /api/v1/converges/converge/default/shop-prod/shop}.
 */
@RestController
@RequestMapping("/api/v1/converges")
public class ConvergeController {
  private static final String ID = "/converge/{context}/{namespace}/{release}";
  private final Converges converges;

  public ConvergeController(Converges converges) {
    this.converges = converges;
  }

  @PostMapping
  public ResponseEntity<Object> start(@RequestBody Map<String, Object> body, @RequestParam(defaultValue = "false") boolean wait) {
    ConvergeRequest request = RequestParser.parse(body);
    WorkflowExecution execution;
    try {
      execution = converges.start(request, body);
    } catch (WorkflowExecutionAlreadyStarted e) {
      return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of(
          "error", "a converge of " + request.release() + " in " + request.namespace() + " is already running",
          "workflowId", request.workflowId()));
    }
    if (!wait) {
      return ResponseEntity.accepted().body(Map.of("workflowId", execution.getWorkflowId(), "runId", execution.getRunId()));
    }
    try {
      return ResponseEntity.ok(converges.await(execution.getWorkflowId(), execution.getRunId()));
    } catch (WorkflowFailedException e) {
      return ResponseEntity.unprocessableEntity().body(failureBody(e));
    }
  }

  @GetMapping(ID)
  public Map<String, Object> status(@PathVariable String context, @PathVariable String namespace, @PathVariable String release) {
    String id = ConvergeRequest.workflowId(context, namespace, release);
    WorkflowStub stub = converges.stub(id);
    WorkflowExecutionStatus status = stub.describe().getStatus();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("workflowId", id);
    out.put("status", status.name().replace("WORKFLOW_EXECUTION_STATUS_", ""));
    out.put("progress", converges.progress(id));
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      out.put("report", stub.getResult(ConvergeResult.class));
    } else if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED) {
      try {
        stub.getResult(ConvergeResult.class);
      } catch (WorkflowFailedException e) {
        out.putAll(failureBody(e));
      }
    }
    return out;
  }

  @PostMapping(ID + "/cancel")
  public ResponseEntity<Map<String, Object>> cancel(@PathVariable String context, @PathVariable String namespace, @PathVariable String release) {
    String id = ConvergeRequest.workflowId(context, namespace, release);
    converges.stub(id).cancel();
    return ResponseEntity.accepted().body(Map.of("workflowId", id, "cancel", "requested; compensation runs before the run ends"));
  }

  @ExceptionHandler(InvalidRequestException.class)
  public ResponseEntity<Map<String, Object>> invalid(InvalidRequestException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage(), "fields", e.problems()));
  }

  private static Map<String, Object> failureBody(WorkflowFailedException e) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (e.getCause() instanceof ApplicationFailure failure) {
      out.put("error", failure.getOriginalMessage());
      if (failure.getDetails() != null && failure.getDetails().getSize() > 0) {
        out.put("report", failure.getDetails().get(ConvergeResult.class));
      }
    } else {
      out.put("error", String.valueOf(e.getCause()));
    }
    return out;
  }
}
