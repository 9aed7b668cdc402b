package dev.converge.activities.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SensitiveTest {
  private static final String SECRET =
      """
      apiVersion: v1
      kind: Secret
      metadata: {name: shop-secret}
      data: {MODE: c2hvcA==, TOKEN: czNjcjN0LXRva2Vu}
      stringData: {API_KEY: s3cr3t-value-42}
      """;
  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        annotations:
          werf.io/sensitive-paths: "$.spec.template.spec.containers[*].env[*].value, $.spec.template.metadata.annotations['vault.io/token']"
      spec:
        replicas: 2
        template:
          metadata: {annotations: {vault.io/token: hvs-123456}}
          spec:
            containers:
              - name: app
                image: shop:1
                env: [{name: DB_PASSWORD, value: hunter2-db}, {name: MODE, value: prod-mode}]
              - name: sidecar
                image: proxy:1
                env: [{name: TOKEN, value: sidecar-token}]
      """;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String text) {
    return Serialization.unmarshal(text, Map.class);
  }

  @Test
  void everySecretDataAndStringDataValueIsRedacted() {
    Map<String, Object> shown = Sensitive.redacted(yaml(SECRET));

    assertEquals(Map.of("MODE", "***", "TOKEN", "***"), shown.get("data"));
    assertEquals(Map.of("API_KEY", "***"), shown.get("stringData"));
    assertEquals(
        "shop-secret", ((Map<?, ?>) shown.get("metadata")).get("name"), "names stay readable");
  }

  @Test
  void secretValuesAreKnownBothAsStoredBase64AndDecoded() {
    Set<String> values = Sensitive.values(SECRET);
    assertTrue(
        values.containsAll(Set.of("s3cr3t-value-42", "czNjcjN0LXRva2Vu", "s3cr3t-token", "shop")),
        values.toString());
  }

  @Test
  @SuppressWarnings("unchecked")
  void valuesAtSensitivePathsAreRedactedAndNothingElse() {
    Map<String, Object> shown = Sensitive.redacted(yaml(DEPLOYMENT));

    String text = Serialization.asJson(shown);
    for (String secret : List.of("hunter2-db", "prod-mode", "sidecar-token", "hvs-123456")) {
      assertFalse(text.contains(secret), secret + " in " + text);
    }
    assertTrue(
        text.contains("DB_PASSWORD") && text.contains("shop:1") && text.contains("\"replicas\":2"),
        text);
    assertTrue(
        Serialization.asJson(yaml(DEPLOYMENT)).contains("hunter2-db"),
        "the original is left as it was");
  }

  @Test
  void apiServerMessagesEchoingAValueAreScrubbed() {
    String message =
        "Deployment.apps \"web\" is invalid: spec.template.spec.containers[0].env[0].value: Invalid value: \"hunter2-db\"";
    String scrubbed = Sensitive.scrub(message, Sensitive.values(DEPLOYMENT));
    assertEquals(
        "Deployment.apps \"web\" is invalid: spec.template.spec.containers[0].env[0].value: Invalid value: \"***\"",
        scrubbed);
  }

  @Test
  void pathsParseNamesIndexesWildcardsAndQuotedKeys() {
    assertEquals(
        List.of("spec", "containers", "*", "env", 0, "value"),
        Sensitive.parse("$.spec.containers[*].env[0].value"));
    assertEquals(
        List.of("metadata", "annotations", "a.b/c"),
        Sensitive.parse("$.metadata.annotations['a.b/c']"));
    assertEquals(List.of(), Sensitive.parse("spec.no.dollar"));
    assertEquals(List.of(), Sensitive.parse("$.spec[unclosed"));
  }

  @Test
  void veryShortValuesAreNotMaskedInMessages() {
    String secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {N: '1'}\n";
    assertEquals("replicas: 1", Sensitive.scrub("replicas: 1", Sensitive.values(secret)));
  }

  @Test
  void legacySensitiveMasksDataOfAnyKindButNeverUnmasksASecret() {
    String config =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c, annotations: {werf.io/sensitive: "true"}}
        data: {PASSWORD: hunter2-config}
        """;
    String redacted =
        Serialization.asYaml(Sensitive.redacted(Serialization.unmarshal(config, Map.class)));
    assertFalse(redacted.contains("hunter2-config"), redacted);
    assertEquals(Set.of("hunter2-config"), Sensitive.values(config));

    String secret =
        SECRET.replace(
            "metadata: {name: shop-secret}",
            "metadata: {name: s, annotations: {werf.io/sensitive: \"false\"}}");
    assertTrue(Sensitive.values(secret).contains("s3cr3t-value-42"));
  }
}
