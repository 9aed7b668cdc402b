package dev.converge.activities.kube;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

class DifferTest {

  private static Secret secret(String apiKey, String mode) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("shop-secret")
        .withNamespace("shop")
        .endMetadata()
        .addToData("API_KEY", apiKey)
        .addToData("MODE", mode)
        .build();
  }

  @Test
  void aSecretsValuesNeverAppearOnlyWhichOnesChange() {
    Secret live = secret("b2xkLWtleQ==", "c2hvcA==");
    Secret next = secret("bmV3LWtleQ==", "c2hvcA==");
    String diff = TextDiff.unified(Differ.text(live, next, true), Differ.text(next, live, false));

    assertTrue(diff.contains("-   API_KEY: '***'") || diff.contains("-   API_KEY: ***"), diff);
    assertTrue(
        diff.contains("+   API_KEY: '*** (changed)'")
            || diff.contains("+   API_KEY: *** (changed)"),
        diff);
    assertFalse(
        diff.contains("- ")
            && diff.lines().anyMatch(l -> l.contains("MODE") && !l.startsWith("  ")),
        "an unchanged value is context only:\n" + diff);
    assertFalse(diff.contains("c2hvcA"), diff);
    assertFalse(
        diff.contains("b2xkLWtleQ") || diff.contains("bmV3LWtleQ") || diff.contains("new-key"),
        diff);
  }

  @Test
  void statusAndBookkeepingAreLeftOut() {
    Secret live = secret("a", "b");
    live.getMetadata().setResourceVersion("42");
    live.getMetadata().setUid("uid-1");
    String text = Differ.text(live, null, true);
    assertFalse(
        text.contains("42") || text.contains("uid-1") || text.contains("resourceVersion"), text);
  }
}
