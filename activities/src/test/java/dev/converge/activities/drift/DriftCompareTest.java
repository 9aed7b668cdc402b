package dev.converge.activities.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.activities.drift.DriftCompare.Change;
import dev.converge.activities.drift.DriftCompare.Result;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * On objects recorded from the local stack (kube-apiserver 1.3x): applied with field manager helm,
 * then edited with kubectl; the "wouldbe" files are {@code kubectl apply --server-side
 * --field-manager=helm --force-conflicts --dry-run=server} of the applied manifest.
 */
class DriftCompareTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anUntouchedObjectIsInSyncDespiteDefaultsStatusAndControllerFields() {
    Result result = compare("deployment-untouched", List.of());
    assertFalse(result.drifted());
    assertEquals(List.of(), result.changes());
  }

  @Test
  void setImageRemovedEnvAndScaleOfOwnedReplicasAreDriftButAnotherManagersLabelIsNot() {
    Result result = compare("deployment-edited", List.of());
    assertTrue(result.drifted());
    assertEquals(
        Set.of(
            "/spec/replicas",
            "/spec/template/spec/containers/0/image",
            "/spec/template/spec/containers/0/env"),
        result.changes().stream().map(Change::pointer).collect(Collectors.toSet()));
    Change image = change(result, "/spec/template/spec/containers/0/image");
    assertEquals("\"nginx:1.27\"", image.expected());
    assertEquals("\"nginx:1.28\"", image.actual());
    Change env = change(result, "/spec/template/spec/containers/0/env");
    assertEquals("[{\"name\":\"MODE\",\"value\":\"prod\"}]", env.expected());
    assertNull(env.actual());
    assertEquals("2", change(result, "/spec/replicas").expected());
    assertEquals("5", change(result, "/spec/replicas").actual());
  }

  @Test
  void anIgnoreRuleCoversItsPointerAndEverythingBelow() {
    Result result =
        compare("deployment-edited", List.of("/spec/replicas", "/spec/template/spec/containers/0"));
    assertFalse(result.drifted());
  }

  @Test
  void replicasNobodyAppliedAreTheAutoscalersNotDrift() {
    assertFalse(compare("deployment-scaled", List.of()).drifted());
  }

  @Test
  void aGoneObjectIsDrift() {
    Result result =
        DriftCompare.compare(read("deployment-untouched-wouldbe"), null, "helm", List.of());
    assertTrue(result.missing());
    assertTrue(result.drifted());
  }

  @Test
  void theDriftAnnotationOnTheLiveObjectLeavesItOut() {
    Map<String, Object> live = read("deployment-edited-live");
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = (Map<String, Object>) live.get("metadata");
    meta.put("annotations", new HashMap<>(Map.of("converge.dev/drift", "ignore")));
    Result result =
        DriftCompare.compare(read("deployment-edited-wouldbe"), live, "helm", List.of());
    assertTrue(result.ignored());
    assertFalse(result.drifted());
  }

  @Test
  void secretValuesAreDriftButNeverShown() {
    Result result = compare("secret-edited", List.of());
    assertTrue(result.drifted());
    assertEquals(List.of(new Change("/data/password", "\"***\"", "\"***\"")), result.changes());
    assertFalse(result.toString().contains("hunter2"));
  }

  @Test
  void onlyTheManagersApplyEntryCounts() {
    // kubectl-set's Update entry owns the new image; as manager "kubectl-set" nothing is applied.
    assertFalse(
        DriftCompare.compare(
                read("deployment-edited-wouldbe"),
                read("deployment-edited-live"),
                "kubectl-set",
                List.of())
            .drifted());
  }

  private static Change change(Result result, String pointer) {
    return result.changes().stream()
        .filter(c -> c.pointer().equals(pointer))
        .findFirst()
        .orElseThrow();
  }

  private static Result compare(String name, List<String> ignored) {
    return DriftCompare.compare(read(name + "-wouldbe"), read(name + "-live"), "helm", ignored);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(String name) {
    try (InputStream in =
        DriftCompareTest.class.getResourceAsStream("/fixtures/drift/" + name + ".json")) {
      return JSON.readValue(in, Map.class);
    } catch (IOException e) {
      throw new IllegalStateException(name, e);
    }
  }
}
