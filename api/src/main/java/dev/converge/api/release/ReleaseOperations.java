package dev.converge.api.release;

import dev.converge.api.error.InvalidParameterException;
import dev.converge.api.error.NotFoundException;
import dev.converge.api.temporal.StartedRun;
import dev.converge.workflows.WorkflowType;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts any workflow type that has a {@link WorkflowType.ReleaseRoute}, so a new type needs no API
 * code. Its input is the release and namespace of the path, the {@code kubeContext} query parameter
 * (which {@code SecurityConfig} checked against the token), then the other query parameters and the
 * JSON body's fields; the type's own parser refuses what it does not know.
 */
@RestController
public class ReleaseOperations {
  static final String PATH = "/api/v1/releases/{namespace}/{release}/{operation}";
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,9}");
  private final ReleaseRuns runs;
  private final ObjectReader body;

  public ReleaseOperations(ReleaseRuns runs, JsonMapper json) {
    this.runs = runs;
    this.body = // the API's own mapper; a repeated key would silently lose one of its values
        json.readerFor(new TypeReference<Map<String, Object>>() {})
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
  }

  @Operation(
      summary =
          "Start a run of the release: operation rollback (revision, timeoutSeconds) or another workflow type "
              + "with a release route; input fields as query parameters or a JSON body. 202, or with ?wait=true "
              + "200/422 with its result; 404 no such operation; 409 while a run of the release under the same id runs")
  @PostMapping(PATH)
  public ResponseEntity<Object> start(
      @PathVariable String namespace,
      @PathVariable String release,
      @PathVariable String operation,
      @RequestParam(defaultValue = "false") boolean wait,
      @RequestParam Map<String, String> query,
      @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
      @RequestBody(required = false) String body) {
    WorkflowType type =
        WorkflowType.byRoute(operation)
            .orElseThrow(
                () ->
                    new NotFoundException("no operation " + operation + "; there are " + known()));
    Map<String, String> fields = new LinkedHashMap<>(query);
    fields.remove("wait");
    String context = fields.remove("kubeContext");
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("release", release);
    input.put("namespace", namespace);
    input.put("kubeContext", context == null || context.isBlank() ? "default" : context);
    fields.forEach(
        (key, value) -> {
          // Empty or 0: the type's default, as the rollback endpoint always read them.
          if (!value.isEmpty() && !"0".equals(value)) {
            add(input, key, scalar(value), "query");
          }
        });
    json(contentType, body).forEach((key, value) -> add(input, key, value, "body"));
    String workflowId = type.route().orElseThrow().workflowId().apply(input);
    StartedRun run = runs.start(type, workflowId, input);
    return wait ? ResponseEntity.ok(runs.await(run, type)) : ResponseEntity.accepted().body(run);
  }

  /** The path's release and namespace and the checked context are never replaced. */
  private static void add(Map<String, Object> input, String key, Object value, String where) {
    if (input.containsKey(key)) {
      throw new InvalidParameterException(
          key,
          switch (key) {
            case "release", "namespace" -> "comes from the path; leave it out of the " + where;
            case "kubeContext" ->
                "comes from the kubeContext query parameter; leave it out of the body";
            default -> "given both as a query parameter and in the body";
          });
    }
    input.put(key, value);
  }

  /** The body's fields when it is JSON; any other body (a form, {@code curl -d ''}) is none. */
  private Map<String, Object> json(String contentType, String text) {
    if (text == null || text.isBlank() || contentType == null || !contentType.contains("json")) {
      return Map.of();
    }
    try {
      Map<String, Object> fields = body.readValue(text);
      return fields == null ? Map.of() : fields; // the body `null`: no fields, as an empty body
    } catch (JacksonException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new InvalidParameterException("body", "must be a JSON object" + where);
    }
  }

  /** A query parameter as the JSON value it spells: true/false, an integer, else text. */
  private static Object scalar(String value) {
    if ("true".equals(value) || "false".equals(value)) {
      return Boolean.valueOf(value);
    }
    return INTEGER.matcher(value).matches() ? Integer.valueOf(value) : value;
  }

  private static String known() {
    return Arrays.stream(WorkflowType.values())
        .flatMap(t -> t.route().stream())
        .map(WorkflowType.ReleaseRoute::path)
        .collect(Collectors.joining(", "));
  }
}
