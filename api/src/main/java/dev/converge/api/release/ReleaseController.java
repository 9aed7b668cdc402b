package dev.converge.api.release;

import dev.converge.api.error.InvalidParameterException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A release's revisions from its Helm Secrets; auth checks namespace and context on the path. */
@RestController
public class ReleaseController {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
  private final ReleaseRevisions releases;

  public ReleaseController(ReleaseRevisions releases) {
    this.releases = releases;
  }

  @Operation(summary = "The release's revisions (number, status, times), newest first; 404 when it has none")
  @GetMapping("/api/v1/releases/{namespace}/{release}")
  public ReleaseView revisions(
      @PathVariable String namespace, @PathVariable String release, @RequestParam(defaultValue = "default") String kubeContext) {
    // Both end up in a label selector: the API server would refuse other characters (as a 5xx here).
    check("namespace", namespace);
    check("release", release);
    return releases.revisions(kubeContext, namespace, release);
  }

  private static void check(String field, String value) {
    if (!NAME.matcher(value).matches()) {
      throw new InvalidParameterException(field, "must be a Kubernetes name: lower case letters, digits, '-' and '.', at most 253");
    }
  }
}
