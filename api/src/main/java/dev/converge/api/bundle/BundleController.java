package dev.converge.api.bundle;

import dev.converge.api.auth.Caller;
import dev.converge.api.error.InvalidParameterException;
import dev.converge.api.temporal.StartedRun;
import dev.converge.workflows.WorkflowType;
import dev.converge.workflows.bundle.BundleCopied;
import dev.converge.workflows.bundle.BundleCopyRequest;
import dev.converge.workflows.bundle.BundlePublishRequest;
import dev.converge.workflows.bundle.BundlePublished;
import dev.converge.workflows.bundle.BundleRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bundles over REST: publish a chart with its values to a registry, copy a bundle elsewhere. A
 * token reaches only the chart sources of its {@code charts} and writes only under its {@code
 * registries}; both are checked before anything starts.
 */
@RestController
@RequestMapping("/api/v1/bundles")
public class BundleController {
  private final Bundles bundles;

  public BundleController(Bundles bundles) {
    this.bundles = bundles;
  }

  @Operation(
      summary =
          "Publish a bundle: 202 with its ids, or with ?wait=true 200 with repository, tag, digest "
              + "(409 when the tag holds other content, 422 on other failures)")
  @PostMapping("/publish")
  public ResponseEntity<Object> publish(
      @RequestBody Map<String, Object> body,
      @RequestParam(defaultValue = "false") boolean wait,
      @Parameter(hidden = true) @AuthenticationPrincipal Caller caller) {
    BundlePublishRequest request = BundleRequests.publish(body);
    caller.requireChartSources(request.chart(), request);
    caller.requireRegistry("repository", request.repository());
    StartedRun run = bundles.start(WorkflowType.BUNDLE_PUBLISH, request.workflowId(), body);
    return wait
        ? ResponseEntity.ok(bundles.await(run, BundlePublished.class))
        : ResponseEntity.accepted().body(run);
  }

  @Operation(
      summary =
          "Copy a bundle between registries or to/from an archive, digest kept: 202, or with "
              + "?wait=true 200 with the digest (409 when the target tag holds other content)")
  @PostMapping("/copy")
  public ResponseEntity<Object> copy(
      @RequestBody Map<String, Object> body,
      @RequestParam(defaultValue = "false") boolean wait,
      @Parameter(hidden = true) @AuthenticationPrincipal Caller caller) {
    BundleCopyRequest request = BundleRequests.copy(body);
    caller.requireChartSources(sourceOf(request.from()), List.of());
    caller.requireRegistry("to", request.to());
    StartedRun run = bundles.start(WorkflowType.BUNDLE_COPY, request.workflowId(), body);
    return wait
        ? ResponseEntity.ok(bundles.await(run, BundleCopied.class))
        : ResponseEntity.accepted().body(run);
  }

  @Operation(
      summary =
          "The latest bundle run of a workflow id (bundle/<host>/<repository>:<tag>): status, result or error")
  @GetMapping("/runs")
  public BundleRun status(
      @RequestParam String workflowId,
      @Parameter(hidden = true) @AuthenticationPrincipal Caller caller) {
    if (!workflowId.startsWith("bundle/")) {
      throw new InvalidParameterException(
          "workflowId", "must be a bundle run's id, bundle/<host>/<repository>:<tag>");
    }
    String target = workflowId.substring("bundle/".length());
    caller.requireRegistry(
        "workflowId", target.startsWith(BundleCopyRequest.ARCHIVE) ? target : "oci://" + target);
    return bundles.status(workflowId);
  }

  /** An archive is read from the charts directory, so it counts as a chart source by its path. */
  private static String sourceOf(String from) {
    return from.startsWith(BundleCopyRequest.ARCHIVE)
        ? from.substring(BundleCopyRequest.ARCHIVE.length())
        : from;
  }
}
