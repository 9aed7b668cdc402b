package dev.converge.workflows.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.model.InvalidRequestException.FieldProblem;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestParserTest {

  private static Map<String, Object> minimal() {
    Map<String, Object> raw = new HashMap<>();
    raw.put("release", "shop");
    raw.put("namespace", "shop-prod");
    raw.put("chart", "oci://registry.example.com/charts/shop:1.2.0");
    return raw;
  }

  private static Map<String, Object> with(String key, Object value) {
    Map<String, Object> raw = minimal();
    raw.put(key, value);
    return raw;
  }

  private static List<FieldProblem> problems(Object raw) {
    return assertThrows(InvalidRequestException.class, () -> RequestParser.parse(raw)).problems();
  }

  /** The only problem, checked to be about {@code field}; returns its message. */
  private static String problem(Object raw, String field) {
    List<FieldProblem> problems = problems(raw);
    assertEquals(1, problems.size(), () -> "problems: " + problems);
    assertEquals(field, problems.get(0).field());
    return problems.get(0).message();
  }

  private static void assertContains(String text, String part) {
    assertTrue(text.contains(part), () -> "'" + part + "' not in: " + text);
  }

  @Test
  void minimalRequestGetsDefaults() {
    ConvergeRequest r = RequestParser.parse(minimal());
    assertEquals("shop", r.release());
    assertEquals("shop-prod", r.namespace());
    assertEquals("oci://registry.example.com/charts/shop:1.2.0", r.chart());
    assertEquals("default", r.kubeContext());
    assertEquals(900, r.timeoutSeconds());
    assertFalse(r.autoRollback());
    assertNull(r.env());
    assertEquals(Map.of(), r.values());
    assertEquals(List.of(), r.valuesFiles());
    assertEquals(List.of(), r.set());
    assertEquals(List.of(), r.setJson());
    assertEquals(List.of(), r.setString());
    assertEquals(List.of(), r.setFile());
  }

  @Test
  void everyKeyIsRead() {
    Map<String, Object> raw = minimal();
    raw.put("values", Map.of("replicas", 2));
    raw.put("valuesFiles", List.of("values-prod.yaml"));
    raw.put("setJson", List.of("resources={\"cpu\":1}"));
    raw.put("set", List.of("image.tag=1.2.0"));
    raw.put("setString", List.of("build=0042"));
    raw.put("setFile", List.of("config=files/app.conf"));
    raw.put("kubeContext", "prod-eu@admin");
    raw.put("env", "production");
    raw.put("timeoutSeconds", 600L);
    raw.put("autoRollback", false);
    ConvergeRequest r = RequestParser.parse(raw);
    assertEquals(Map.of("replicas", 2), r.values());
    assertEquals(List.of("values-prod.yaml"), r.valuesFiles());
    assertEquals(List.of("resources={\"cpu\":1}"), r.setJson());
    assertEquals(List.of("image.tag=1.2.0"), r.set());
    assertEquals(List.of("build=0042"), r.setString());
    assertEquals(List.of("config=files/app.conf"), r.setFile());
    assertEquals("prod-eu@admin", r.kubeContext());
    assertEquals("production", r.env());
    assertEquals(600, r.timeoutSeconds());
    assertFalse(r.autoRollback());
  }

  @Test
  void autoRollbackTrueIsTaken() {
    Map<String, Object> raw =
        new HashMap<>(
            Map.of("release", "shop", "namespace", "prod", "chart", "c", "autoRollback", true));

    assertTrue(RequestParser.parse(raw).autoRollback());
  }

  @Test
  void wholeNumberTimeoutFromJsonDoubleIsAccepted() {
    assertEquals(120, RequestParser.parse(with("timeoutSeconds", 120.0)).timeoutSeconds());
  }

  @Test
  void missingRequiredKeysAreEachNamed() {
    List<FieldProblem> problems = problems(new HashMap<>());
    assertEquals(
        List.of("release", "namespace", "chart"),
        problems.stream().map(FieldProblem::field).toList());
    problems.forEach(p -> assertEquals("is required", p.message()));
  }

  @Test
  void wrongTypesAreEachNamedWithWhatWasSent() {
    assertContains(problem(with("release", 5), "release"), "got number");
    assertContains(problem(with("chart", " "), "chart"), "non-empty string");
    assertContains(
        problem(with("values", "replicas=2"), "values"), "must be an object, got string");
    assertContains(
        problem(with("valuesFiles", "values.yaml"), "valuesFiles"), "array of strings, got string");
    assertContains(
        problem(with("valuesFiles", Arrays.asList("a.yaml", 7)), "valuesFiles[1]"), "got number");
    assertContains(problem(with("set", Map.of("a", "b")), "set"), "got object");
    assertContains(problem(with("setString", List.of(true)), "setString[0]"), "got boolean");
    assertContains(
        problem(with("timeoutSeconds", "900"), "timeoutSeconds"), "must be an integer, got string");
    assertContains(problem(with("timeoutSeconds", 1.5), "timeoutSeconds"), "must be an integer");
    assertContains(
        problem(with("autoRollback", "yes"), "autoRollback"), "true or false, got string");
    assertContains(problem(with("env", 3), "env"), "must be a string, got number");
    assertContains(
        problem(with("kubeContext", List.of()), "kubeContext"), "must be a string, got array");
  }

  @Test
  void unknownKeyIsNamedAndListsTheAllowedOnes() {
    String message = problem(with("relase", "shop"), "relase");
    assertContains(message, "unknown key");
    assertContains(message, "release");
  }

  @Test
  void allProblemsAreReportedTogether() {
    Map<String, Object> raw = minimal();
    raw.put("namespace", "Shop");
    raw.put("timeout", 5);
    raw.put("set", List.of("novalue"));
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> RequestParser.parse(raw));
    assertEquals(3, e.problems().size(), () -> "problems: " + e.problems());
    assertContains(e.getMessage(), "namespace: ");
    assertContains(e.getMessage(), "timeout: ");
    assertContains(e.getMessage(), "set[0]: ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Shop", "-shop", "shop-", "shop_prod", "shop..v2", "shop prod"})
  void releaseThatIsNoLowercaseDnsNameIsRefused(String release) {
    assertContains(problem(with("release", release), "release"), release);
  }

  @Test
  void releaseLongerThan53CharactersIsRefused() {
    problem(with("release", "a".repeat(54)), "release");
    assertEquals("a".repeat(53), RequestParser.parse(with("release", "a".repeat(53))).release());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "shop-2", "shop.v2", "0shop"})
  void releaseThatIsADnsNameIsAccepted(String release) {
    assertEquals(release, RequestParser.parse(with("release", release)).release());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Shop", "shop.prod", "-shop", "shop_prod"})
  void namespaceThatIsNoDnsLabelIsRefused(String namespace) {
    assertContains(problem(with("namespace", namespace), "namespace"), "DNS-1123 label");
  }

  @Test
  void namespaceLongerThan63CharactersIsRefused() {
    problem(with("namespace", "n".repeat(64)), "namespace");
    assertEquals(
        "n".repeat(63), RequestParser.parse(with("namespace", "n".repeat(63))).namespace());
  }

  @Test
  void invalidKubeContextNameIsRefused() {
    problem(with("kubeContext", "prod cluster"), "kubeContext");
  }

  @ParameterizedTest
  @ValueSource(strings = {"set", "setString", "setJson", "setFile"})
  void assignmentWithoutPathAndEqualsIsRefused(String key) {
    assertContains(problem(with(key, List.of("a=1", "replicas")), key + "[1]"), "path=value");
    problem(with(key, List.of("=1")), key + "[0]");
  }

  @Test
  void assignmentWithEmptyValueIsAccepted() {
    assertEquals(
        List.of("image.tag="), RequestParser.parse(with("set", List.of("image.tag="))).set());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 86401})
  void timeoutOutsideOneSecondToOneDayIsRefused(int timeout) {
    problem(with("timeoutSeconds", timeout), "timeoutSeconds");
  }

  @Test
  void nonObjectInputIsRefusedNamingWhatCame() {
    assertContains(problem(null, "$"), "got null");
    assertContains(problem(List.of(minimal()), "$"), "got array");
    assertContains(problem("{\"release\":\"shop\"}", "$"), "got string");
    assertContains(problem(42, "$"), "got number");
  }

  @Test
  void workflowIdIsContextNamespaceAndRelease() {
    assertEquals("converge/default/shop-prod/shop", RequestParser.parse(minimal()).workflowId());
    assertEquals(
        "converge/prod-eu/shop-prod/shop",
        RequestParser.parse(with("kubeContext", "prod-eu")).workflowId());
  }

  @Test
  void workflowIdTreatsBlankContextAsDefault() {
    assertEquals(
        "converge/default/shop-prod/shop",
        RequestParser.parse(with("kubeContext", " ")).workflowId());
    assertEquals("converge/default/ns/rel", ConvergeRequest.workflowId(null, "ns", "rel"));
    assertEquals(
        new ReleaseTarget("default", "shop-prod", "shop"), RequestParser.parse(minimal()).target());
  }
}
