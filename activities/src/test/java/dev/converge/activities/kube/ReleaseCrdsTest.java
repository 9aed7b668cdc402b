package dev.converge.activities.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ReleaseCrdsTest {

  @Test
  void theKindIsReadWhereverGroupAndNamesStandInTheSpec() {
    String namesFirst =
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com, labels: {kind: Other}}
        spec:
          group: example.com
          names: {plural: widgets, kind: Widget, listKind: WidgetList}
          versions: [{name: v1, schema: {openAPIV3Schema: {properties: {kind: {type: string}}}}}]
        """;
    assertEquals("example.com/Widget", ReleaseCrds.kindDefined(namesFirst));
    String schemaFirst =
        """
        spec:
          versions:
            - name: v1
              schema: {openAPIV3Schema: {properties: {group: {type: string}, kind: {type: string}}}}
          names:
            kind: Gadget
            plural: gadgets
          group: example.org
        kind: CustomResourceDefinition
        apiVersion: apiextensions.k8s.io/v1
        """;
    assertEquals("example.org/Gadget", ReleaseCrds.kindDefined(schemaFirst));
  }

  @Test
  void anythingElseDefinesNoKind() {
    assertNull(ReleaseCrds.kindDefined("kind: ConfigMap\nspec: {group: a, names: {kind: B}}\n"));
    assertNull(ReleaseCrds.kindDefined("kind: CustomResourceDefinition\nspec: {group: a}\n"));
    assertNull(ReleaseCrds.kindDefined("- a list\n"));
    assertNull(ReleaseCrds.kindDefined("kind: [unclosed\n"));
    assertNull(ReleaseCrds.kindDefined("spec: {group: a, names: {kind: B}, scope: x}\n"));
  }
}
