package dev.converge.api.converge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.api.auth.Caller;
import dev.converge.api.error.ForbiddenException;
import dev.converge.api.error.InvalidParameterException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunFilterTest {
  private static final Caller ADMIN =
      new Caller("admin", List.of("*"), List.of("*"), List.of("*"), List.of());

  @Test
  void everyGivenParameterBecomesAnEqualityOnItsSearchAttribute() {
    assertEquals(
        Optional.of(
            "WorkflowType = 'ConvergeWorkflow' AND ConvergeRelease = 'shop' AND ConvergeNamespace = 'shop-prod'"
                + " AND ConvergeOutcome = 'FAILED'"),
        new RunFilter("shop", "shop-prod", "FAILED", 10, ADMIN).query());
  }

  @Test
  void valuesThatCouldChangeTheQueryAreRefusedNotEscaped() {
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () -> new RunFilter("shop' OR WorkflowType != '", null, null, 10, ADMIN));
    assertEquals("release", e.field());
  }

  @Test
  void aCallerLimitedToNamespacesAndContextsOnlySeesRunsInsideThem() {
    Caller ci =
        new Caller(
            "ci", List.of("prod", "staging"), List.of("shop", "cart"), List.of("*"), List.of());
    String query = new RunFilter(null, null, null, 10, ci).query().orElseThrow();
    assertTrue(
        query.endsWith(
            "ConvergeNamespace IN ('shop', 'cart') AND ConvergeKubeContext IN ('prod', 'staging')"),
        query);
  }

  @Test
  void aCallerWithNoNamespacesSeesNothingAndAskingForAnotherNamespaceIsForbidden() {
    assertEquals(
        Optional.empty(),
        new RunFilter(
                null,
                null,
                null,
                10,
                new Caller("none", List.of("*"), List.of(), List.of("*"), List.of()))
            .query());
    assertThrows(
        ForbiddenException.class,
        () ->
            new RunFilter(
                null,
                "payments",
                null,
                10,
                new Caller("ci", List.of("*"), List.of("shop"), List.of("*"), List.of())));
  }
}
