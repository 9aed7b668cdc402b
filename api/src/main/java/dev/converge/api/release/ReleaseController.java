package dev.converge.api.release;

import dev.converge.api.error.InvalidParameterException;
import dev.converge.api.temporal.StartedRun;
import dev.converge.workflows.WorkflowType;
import dev.converge.workflows.dismiss.DismissRequest;
import dev.converge.workflows.dismiss.DismissRequests;
import io.swagger.v3.oas.annotations.Operation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A release's revisions from its Helm Secrets; auth checks namespace and context on the path. */
@RestController
public class ReleaseController {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
  private final ReleaseRevisions releases;
  private final ReleaseRuns runs;

  public ReleaseController(ReleaseRevisions releases, ReleaseRuns runs) {
    this.releases = releases;
    this.runs = runs;
  }

  @Operation(
      summary =
          "Dismiss the release: delete hooks, its objects (not kept ones), its history; the namespace with "
              + "deleteNamespace=true (only a namespace converge created for it). 202, or with ?wait=true 200/422; 404 no such release; 409 while a run of the release is going on")
  @PostMapping("/api/v1/releases/{namespace}/{release}/dismiss")
  public ResponseEntity<Object> dismiss(
      @PathVariable String namespace,
      @PathVariable String release,
      @RequestParam(defaultValue = "default") String kubeContext,
      @RequestParam(defaultValue = "false") boolean deleteNamespace,
      @RequestParam(defaultValue = "0") int timeoutSeconds,
      @RequestParam(defaultValue = "false") boolean wait) {
    Map<String, Object> input =
        new LinkedHashMap<>(
            Map.of(
                "release",
                release,
                "namespace",
                namespace,
                "kubeContext",
                kubeContext,
                "deleteNamespace",
                deleteNamespace));
    if (timeoutSeconds != 0) {
      input.put("timeoutSeconds", timeoutSeconds);
    }
    DismissRequest request = DismissRequests.parse(input);
    check("namespace", namespace);
    check("release", release);
    // A release that does not exist: 404, and nothing is started (nor any namespace deleted).
    releases.revisions(kubeContext, namespace, release);
    StartedRun run = runs.start(WorkflowType.DISMISS, request.workflowId(), input);
    return wait ? ResponseEntity.ok(runs.awaitDismiss(run)) : ResponseEntity.accepted().body(run);
  }

  @Operation(
      summary =
          "The release's revisions (number, status, times), newest first; 404 when it has none")
  @GetMapping("/api/v1/releases/{namespace}/{release}")
  public ReleaseView revisions(
      @PathVariable String namespace,
      @PathVariable String release,
      @RequestParam(defaultValue = "default") String kubeContext) {
    // Both end up in a label selector: the API server would refuse other characters (as a 5xx
    // here).
    check("namespace", namespace);
    check("release", release);
    return releases.revisions(kubeContext, namespace, release);
  }

  private static void check(String field, String value) {
    if (!NAME.matcher(value).matches()) {
      throw new InvalidParameterException(
          field, "must be a Kubernetes name: lower case letters, digits, '-' and '.', at most 253");
    }
  }
}
