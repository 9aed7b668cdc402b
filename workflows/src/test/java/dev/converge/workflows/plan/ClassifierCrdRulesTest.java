package dev.converge.workflows.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.plan.Classifier.Classification;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CRD/Namespace detection agrees everywhere; values that are forced or trimmed are still checked.
 */
class ClassifierCrdRulesTest {

  private static Classification classify(Res res) {
    return Classifier.classify(List.of(res.meta()), Res.NS, Readings.LATEST);
  }

  @Test
  void kindNamedCustomResourceDefinitionInAnotherGroupKeepsItsWeightAndStage() {
    Res lookalike =
        Res.clusterScoped("example.com/v1", "CustomResourceDefinition", "fake")
            .ann("werf.io/weight", "5");
    ClassifiedResource r = classify(lookalike).resources().get(0);
    assertEquals(5, r.weight());
    assertFalse(r.isCrdOrNamespace());
  }

  @Test
  void realCrdIsForcedToWeightZeroAndIsInit() {
    Res crd =
        Res.clusterScoped(
                "apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com")
            .ann("werf.io/weight", "5");
    ClassifiedResource r = classify(crd).resources().get(0);
    assertEquals(0, r.weight());
    assertTrue(r.isCrdOrNamespace());
  }

  @Test
  void invalidWeightOnACrdIsReportedThoughItIsForcedToZero() {
    Res crd =
        Res.clusterScoped(
                "apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com")
            .ann("werf.io/weight", "high");
    List<String> errors = classify(crd).errors();
    assertEquals(1, errors.size(), errors::toString);
    assertTrue(
        errors.get(0).contains("werf.io/weight") && errors.get(0).contains("'high'"),
        errors.get(0));
  }

  @Test
  void invalidHookWeightOnANamespaceIsReported() {
    Res ns = Res.clusterScoped("v1", "Namespace", "extra").ann("helm.sh/hook-weight", "1.5");
    List<String> errors = classify(ns).errors();
    assertEquals(1, errors.size(), errors::toString);
    assertTrue(
        errors.get(0).contains("Namespace/extra") && errors.get(0).contains("helm.sh/hook-weight"),
        errors.get(0));
  }

  @Test
  void ownershipValueIsTrimmed() {
    Classification c = classify(Res.configMap("shared").ann("werf.io/ownership", " anyone "));
    assertEquals(List.of(), c.errors());
    assertEquals(Ownership.ANYONE, c.resources().get(0).ownership());
  }
}
