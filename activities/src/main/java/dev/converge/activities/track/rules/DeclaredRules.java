package dev.converge.activities.track.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.converge.activities.track.rules.DeclaredRule.Check;
import dev.converge.activities.track.rules.DeclaredRule.Test;
import dev.converge.activities.track.rules.Readiness.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Loads and checks the declared rules once, so a mistake in the file stops the worker at start with
 * the entry and field named, not a deploy later.
 */
final class DeclaredRules {
  static final String RESOURCE = "/readiness-rules.yaml";
  private static final Set<String> CONDITION_STATUSES = Set.of("True", "False", "Unknown");
  private static final ObjectMapper YAML =
      JsonMapper.builder(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .build();

  private DeclaredRules() {}

  static Map<String, ReadinessRule> load() {
    try (InputStream in = DeclaredRules.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rules by {@code group/Kind}; IllegalArgumentException names the first mistake. */
  static Map<String, ReadinessRule> parse(String yaml) {
    List<DeclaredRule> rules;
    try {
      rules = List.of(YAML.readValue(yaml, DeclaredRule[].class));
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(
          "readiness rules: " + e.getOriginalMessage() + " at " + e.getPathReference(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("readiness rules: not YAML: " + e.getMessage(), e);
    }
    Map<String, ReadinessRule> byKind = new LinkedHashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      DeclaredRule rule = rules.get(i);
      String where = "readiness rule [" + i + "]" + (rule.kind() == null ? "" : " " + rule.kind());
      check(rule, where);
      if (byKind.put(rule.kind(), rule) != null) {
        throw new IllegalArgumentException(where + ": kind declared twice");
      }
    }
    return byKind;
  }

  private static void check(DeclaredRule rule, String where) {
    require(rule.kind() != null && rule.kind().contains("/"), where, "kind: must be group/Kind");
    require(rule.why() != null && !rule.why().isBlank(), where, "why: say why the kind needs it");
    List<Check> checks = rule.checks() == null ? List.of() : rule.checks();
    require(!checks.isEmpty(), where, "checks: at least one");
    for (int i = 0; i < checks.size(); i++) {
      Check c = checks.get(i);
      String at = where + " checks[" + i + "]";
      require(c.verdict() != null, at, "verdict: ready, waiting or failed");
      require(c.info() != null, at, "info: the INFO column text");
      template(c.info(), at + " info");
      if (c.verdict() == Verdict.READY) {
        require(c.reason() == null, at, "reason: a ready check has none");
      } else {
        require(c.reason() != null, at, "reason: say why it waits or failed");
        template(c.reason(), at + " reason");
      }
      boolean last = i == checks.size() - 1;
      boolean always = c.when() == null || c.when().isEmpty();
      require(last == always, at, last ? "when: the last check has none" : "when: missing");
      List<Test> tests = always ? List.of() : c.when();
      for (int t = 0; t < tests.size(); t++) {
        test(tests.get(t), at + " when[" + t + "]");
      }
    }
  }

  private static void test(Test test, String at) {
    require((test.field() == null) != (test.condition() == null), at, "one of field or condition");
    require(
        (test.is() == null) != !Boolean.TRUE.equals(test.absent()),
        at,
        "one of is or absent: true");
    if (test.field() != null) {
      field(test.field(), at);
    }
    if (test.condition() != null && test.is() != null) {
      require(
          CONDITION_STATUSES.contains(test.is()),
          at,
          "is: a condition status is \"True\", \"False\" or \"Unknown\" (quoted), got "
              + test.is());
    }
  }

  private static void template(String template, String at) {
    Matcher m = DeclaredRule.PLACEHOLDER.matcher(template);
    String rest = m.replaceAll("");
    require(rest.indexOf('{') < 0 && rest.indexOf('}') < 0, at, "unbalanced { } in " + template);
    m.reset();
    List<String> bad = new ArrayList<>();
    while (m.find()) {
      String name = m.group(1).trim();
      if (name.isEmpty() || name.equals("condition:")) {
        bad.add(m.group());
      } else if (!name.startsWith("condition:")) {
        field(name, at);
      }
    }
    require(bad.isEmpty(), at, "empty placeholder " + bad);
  }

  /** Rules read an object's spec and status: its metadata is not where readiness shows. */
  private static void field(String path, String at) {
    String first = path.split("\\.", 2)[0];
    require(
        !Set.of("metadata", "kind", "apiVersion").contains(first),
        at,
        "field " + path + ": rules read spec and status, not " + first);
  }

  private static void require(boolean ok, String where, String message) {
    if (!ok) {
      throw new IllegalArgumentException(where + ": " + message);
    }
  }
}
