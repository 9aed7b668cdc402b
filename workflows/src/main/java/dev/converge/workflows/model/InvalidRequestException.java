package dev.converge.workflows.model;

import java.util.List;

/** Bad input, found before anything touched a cluster. Each problem names its key. */
public class InvalidRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<FieldProblem> problems;

  public InvalidRequestException(List<FieldProblem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }

  private static String render(List<FieldProblem> problems) {
    StringBuilder text = new StringBuilder("invalid ConvergeRequest: ");
    for (int i = 0; i < problems.size(); i++) {
      if (i > 0) {
        text.append("; ");
      }
      text.append(problems.get(i).field()).append(": ").append(problems.get(i).message());
    }
    return text.toString();
  }

  public record FieldProblem(String field, String message) {}
}
