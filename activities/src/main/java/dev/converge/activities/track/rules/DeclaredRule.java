package dev.converge.activities.track.rules;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A readiness rule written as data in {@code readiness-rules.yaml}: checks tried in order, the
 * first whose tests all hold decides; the last has no test, so every object gets a verdict
 * (docs/semantics.md#readiness-rules).
 *
 * @param kind {@code group/Kind}, as {@link ReadinessRules} keys them ({@code /Kind} for core)
 * @param why what makes the kind need a rule of its own
 */
record DeclaredRule(String kind, String why, List<Check> checks) implements ReadinessRule {
  /** {@code {status.phase}}, {@code {spec.x|default}}, {@code {condition:Type|default}}. */
  static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}|]+)(?:\\|([^{}]*))?}");

  /**
   * @param when tests that must all hold; empty: always
   * @param info the INFO column, a template
   * @param reason why it waits or failed, a template; none when ready
   */
  record Check(List<Test> when, Readiness.Verdict verdict, String info, String reason) {
    boolean holds(GenericKubernetesResource object) {
      return when == null || when.stream().allMatch(test -> test.holds(object));
    }
  }

  /**
   * One test: a field (dotted path) or a condition (by type), either equal to {@code is} or, with
   * {@code absent: true}, not there.
   */
  record Test(String field, String condition, String is, Boolean absent) {
    boolean holds(GenericKubernetesResource object) {
      Optional<String> value =
          field != null ? DeclaredRule.field(object, field) : conditionStatus(object);
      return Boolean.TRUE.equals(absent) ? value.isEmpty() : value.filter(is::equals).isPresent();
    }

    private Optional<String> conditionStatus(GenericKubernetesResource object) {
      return Conditions.find(object, condition).map(c -> c.get("status")).map(Object::toString);
    }
  }

  @Override
  public Readiness check(GenericKubernetesResource object) {
    Check check = checks.stream().filter(c -> c.holds(object)).findFirst().orElseThrow();
    String info = render(check.info(), object);
    String reason = check.reason() == null ? null : render(check.reason(), object);
    return new Readiness(check.verdict(), info, reason);
  }

  static String render(String template, GenericKubernetesResource object) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1).trim();
      Optional<String> value =
          name.startsWith("condition:")
              ? Conditions.find(object, name.substring("condition:".length()))
                  .map(Conditions::describe)
              : field(object, name);
      String fallback = m.group(2) == null ? "none" : m.group(2);
      m.appendReplacement(out, Matcher.quoteReplacement(value.orElse(fallback)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Optional<String> field(GenericKubernetesResource object, String path) {
    Object value = object.get((Object[]) path.split("\\."));
    if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
      return Optional.empty();
    }
    return Optional.of(value.toString());
  }
}
