package dev.converge.api.error;

/**
 * A query parameter that cannot be used: 400 naming it. Values go into Temporal visibility queries,
 * so anything outside the expected shape is refused rather than escaped.
 */
public class InvalidParameterException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public InvalidParameterException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
