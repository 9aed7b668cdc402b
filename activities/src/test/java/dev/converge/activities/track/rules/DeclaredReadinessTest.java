package dev.converge.activities.track.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of every file in {@code readiness/}: a declared kind gets its cases by adding a file,
 * with no code here. A kind declared without a file, or a file for no declared kind, fails.
 */
class DeclaredReadinessTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  record Case(String name, String expect, String info, String reason, Map<String, Object> object) {}

  static Stream<Arguments> cases() throws IOException, URISyntaxException {
    List<Arguments> all = new ArrayList<>();
    for (Path file : files()) {
      for (Case c : YAML.readValue(file.toFile(), Case[].class)) {
        all.add(Arguments.of(file.getFileName() + ": " + c.name(), c));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theRuleGivesTheCasesVerdict(String title, Case c) {
    GenericKubernetesResource object =
        SERIALIZATION.convertValue(c.object(), GenericKubernetesResource.class);
    Readiness readiness = ReadinessRules.check(object);
    assertEquals(c.expect(), readiness.verdict().name(), title);
    assertEquals(c.info(), readiness.info(), title);
    assertEquals(c.reason(), readiness.reason(), title);
  }

  @Test
  void everyDeclaredKindHasItsCasesAndEveryFileADeclaredKind() throws Exception {
    Set<String> declared = new TreeSet<>();
    DeclaredRules.load().keySet().forEach(k -> declared.add(k.substring(k.indexOf('/') + 1)));
    Set<String> withCases = new TreeSet<>();
    for (Path file : files()) {
      for (Case c : YAML.readValue(file.toFile(), Case[].class)) {
        String kind = String.valueOf(c.object().get("kind"));
        assertEquals(kind.toLowerCase() + ".yaml", file.getFileName().toString(), c.name());
        withCases.add(kind);
      }
    }
    assertEquals(declared, withCases);
  }

  @Test
  void aBrokenEntryIsRefusedNamingItAndTheField() {
    String noDefault =
        """
        - kind: example.com/Widget
          why: a test
          checks:
            - when: {field: status.phase, is: Ready}
              verdict: ready
              info: Ready
        """;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DeclaredRules.parse(noDefault));
    assertEquals(
        "readiness rule [0] example.com/Widget checks[0]: when: the last check has none",
        e.getMessage());
    String unquoted =
        """
        - kind: example.com/Widget
          why: a test
          checks:
            - when: {condition: Ready, is: true}
              verdict: ready
              info: Ready
            - verdict: waiting
              info: "{status.phase}"
              reason: not yet
        """;
    e = assertThrows(IllegalArgumentException.class, () -> DeclaredRules.parse(unquoted));
    assertTrue(
        e.getMessage()
            .startsWith(
                "readiness rule [0] example.com/Widget checks[0] when[0]: is: a condition status"),
        e.getMessage());
    String unbalanced = unquoted.replace("is: true", "is: \"True\"").replace("phase}", "phase");
    e = assertThrows(IllegalArgumentException.class, () -> DeclaredRules.parse(unbalanced));
    assertEquals(
        "readiness rule [0] example.com/Widget checks[1] info: unbalanced { } in {status.phase",
        e.getMessage());
    String metadata = unbalanced.replace("{status.phase", "{metadata.name}");
    e = assertThrows(IllegalArgumentException.class, () -> DeclaredRules.parse(metadata));
    assertEquals(
        "readiness rule [0] example.com/Widget checks[1] info: field metadata.name: rules read spec"
            + " and status, not metadata",
        e.getMessage());
    String unknownKey =
        """
        - kind: example.com/Widget
          why: a test
          checks:
            - verdict: ready
              info: Ready
              color: green
        """;
    e = assertThrows(IllegalArgumentException.class, () -> DeclaredRules.parse(unknownKey));
    assertTrue(e.getMessage().contains("color"), e.getMessage());
  }

  @Test
  void aKindDeclaredTwiceIsRefused() {
    String twice =
        """
        - {kind: example.com/Widget, why: a, checks: [{verdict: ready, info: x}]}
        - {kind: example.com/Widget, why: b, checks: [{verdict: ready, info: y}]}
        """;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DeclaredRules.parse(twice));
    assertEquals("readiness rule [1] example.com/Widget: kind declared twice", e.getMessage());
  }

  private static List<Path> files() throws IOException, URISyntaxException {
    Path dir = Path.of(DeclaredReadinessTest.class.getResource("/readiness").toURI());
    try (Stream<Path> listed = Files.list(dir)) {
      return listed.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }
}
