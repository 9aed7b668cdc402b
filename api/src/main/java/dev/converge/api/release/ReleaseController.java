package dev.converge.api.release;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A release's revisions from its Helm Secrets; auth checks namespace and context on the path. */
@RestController
public class ReleaseController {
  private final ReleaseRevisions releases;

  public ReleaseController(ReleaseRevisions releases) {
    this.releases = releases;
  }

  @Operation(summary = "The release's revisions (number, status, times), newest first; 404 when it has none")
  @GetMapping("/api/v1/releases/{namespace}/{release}")
  public ReleaseView revisions(
      @PathVariable String namespace, @PathVariable String release, @RequestParam(defaultValue = "default") String kubeContext) {
    return releases.revisions(kubeContext, namespace, release);
  }
}
