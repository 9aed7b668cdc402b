package dev.converge.api.error;

import dev.converge.workflows.model.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place exceptions become HTTP answers. Spring MVC's own errors (bad JSON, wrong method,
 * unknown path, wrong parameter type) keep their status codes from the base class but get our
 * {@link ApiError} body, so clients parse one shape.
 */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<ApiError> invalidRequest(InvalidRequestException e) {
    List<ApiError.Field> fields =
        e.problems().stream().map(p -> new ApiError.Field(p.field(), p.message())).toList();
    return ResponseEntity.badRequest().body(new ApiError(e.getMessage(), fields));
  }

  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<ApiError> invalidParameter(InvalidParameterException e) {
    String message = e.getMessage().substring(e.field().length() + 2);
    return ResponseEntity.badRequest()
        .body(new ApiError(e.getMessage(), List.of(new ApiError.Field(e.field(), message))));
  }

  @ExceptionHandler(ForbiddenException.class)
  ResponseEntity<ApiError> forbidden(ForbiddenException e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new ApiError(e.getMessage()));
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ApiError> notFound(NotFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError(e.getMessage()));
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<Map<String, String>> conflict(ConflictException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .body(Map.of("error", e.getMessage(), "workflowId", e.workflowId()));
  }

  /** The body is the report itself, the same shape as the 200 of a deployed run. */
  @ExceptionHandler(RunFailedException.class)
  ResponseEntity<Object> runFailed(RunFailedException e) {
    Object body = e.report() != null ? e.report() : new ApiError(e.getMessage());
    return ResponseEntity.unprocessableEntity().body(body);
  }

  @ExceptionHandler(BundleFailedException.class)
  ResponseEntity<Map<String, String>> bundleFailed(BundleFailedException e) {
    HttpStatus status =
        "TagExists".equals(e.type()) ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY;
    return ResponseEntity.status(status)
        .body(
            Map.of(
                "error",
                e.getMessage(),
                "type",
                String.valueOf(e.type()),
                "workflowId",
                e.workflowId()));
  }

  @ExceptionHandler(OperationFailedException.class)
  ResponseEntity<Map<String, Object>> operationFailed(OperationFailedException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", e.getMessage());
    if (e.result() != null) {
      body.put("result", e.result());
    }
    return ResponseEntity.unprocessableEntity().body(body);
  }

  @ExceptionHandler(UnavailableException.class)
  ResponseEntity<ApiError> unavailable(UnavailableException e) {
    LOG.warn("{}", e.getMessage(), e.getCause());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(new ApiError(e.getMessage()));
  }

  /** A streamed body cut at the size limit surfaces here: 413, naming the limit. */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().startsWith("request body over the limit")) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
            .body(new ApiError(t.getMessage()));
      }
    }
    return ResponseEntity.badRequest().body(new ApiError(unreadable(ex)));
  }

  /** Says what is wrong with an unreadable body in our words, never the JSON library's. */
  private static String unreadable(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      String type = t.getClass().getSimpleName();
      if (type.equals("StreamConstraintsException")) {
        return "request body is nested too deeply or too long for a converge request";
      }
      if (type.equals("MismatchedInputException") || type.equals("InvalidTypeIdException")) {
        return "request body must be a JSON object (a converge request), not another JSON value";
      }
      String pkg = t.getClass().getPackageName();
      if (type.endsWith("ParseException")
          || type.contains("EndOfInput")
          || type.endsWith("EOFException")
          || pkg.startsWith("tools.jackson.core")
          || pkg.startsWith("com.fasterxml.jackson.core")) {
        return "request body is not valid JSON";
      }
    }
    return "request body cannot be read as a JSON object";
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String message =
        body instanceof ProblemDetail problem && problem.getDetail() != null
            ? problem.getDetail()
            : ex.getMessage();
    return super.handleExceptionInternal(ex, new ApiError(message), headers, status, request);
  }
}
