package dev.converge.api.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Body of every error response: one sentence, plus the offending fields for a 400. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String error, List<Field> fields) {
  public ApiError(String error) {
    this(error, List.of());
  }

  /** One bad input: the key or query parameter, and what is wrong with it. */
  public record Field(String field, String message) {}
}
