package dev.converge.workflows.model;

import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.function.Function;

/**
 * The first thing every workflow does with its raw JSON input: parse it strictly and check that the
 * run's id is the one the input implies (the id is the lock). Both fail the run at once, naming the
 * mistake, before anything is read or written.
 */
public final class Inputs {
  private Inputs() {}

  /**
   * @param idRule how the right id is written, for the message, e.g. "the release's converge id"
   */
  public static <T> T validated(
      Object raw, Function<Object, T> parser, Function<T, String> id, String idRule) {
    T request;
    try {
      request = parser.apply(raw);
    } catch (InvalidRequestException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          e.getMessage(), "InvalidRequest", e.problems());
    }
    String expected = id.apply(request);
    String actual = Workflow.getInfo().getWorkflowId();
    if (!expected.equals(actual)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "workflow id '"
              + actual
              + "' does not match the request; start it with id '"
              + expected
              + "' ("
              + idRule
              + ")",
          "InvalidRequest");
    }
    return request;
  }
}
