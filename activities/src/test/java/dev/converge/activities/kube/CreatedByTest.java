package dev.converge.activities.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.model.ReleaseTarget;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreatedByTest {
  private static final ReleaseTarget SHOP = new ReleaseTarget("default", "team-a", "shop");

  private static ManagedFieldsEntry entry(
      String manager, String operation, String time, String subresource) {
    return new ManagedFieldsEntryBuilder()
        .withManager(manager)
        .withOperation(operation)
        .withTime(time)
        .withSubresource(subresource)
        .build();
  }

  private static ConfigMap object(Map<String, String> annotations, ManagedFieldsEntry... entries) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("web")
        .withNamespace("team-a")
        .withUid("u-1")
        .withAnnotations(annotations)
        .withManagedFields(List.of(entries))
        .endMetadata()
        .build();
  }

  private static final Map<String, String> STAMPED =
      Map.of(Manifests.RELEASE_NAME, "shop", Manifests.RELEASE_NAMESPACE, "team-a");

  @Test
  void anObjectKubectlCreatedIsSomeoneElses() {
    ConfigMap theirs =
        object(Map.of(), entry("kubectl-create", "Update", "2026-12-02T10:00:00Z", null));
    assertFalse(CreatedBy.earlierAttempt(theirs, SHOP, true));
    assertFalse(CreatedBy.release(theirs, SHOP));
    assertTrue(
        CreatedBy.foreign(theirs).contains("written by kubectl-create"), CreatedBy.foreign(theirs));
  }

  @Test
  void anObjectOurEarlierAttemptAppliedIsOursEvenAfterAControllerWroteToIt() {
    ConfigMap ours =
        object(
            STAMPED,
            entry("kube-controller-manager", "Update", "2026-12-02T10:00:05Z", null),
            entry("helm", "Apply", "2026-12-02T10:00:01Z", null));
    assertTrue(CreatedBy.earlierAttempt(ours, SHOP, true));
    assertEquals(List.of("kube-controller-manager"), CreatedBy.otherWriters(ours));
  }

  @Test
  void someoneElsesObjectThatWeLaterAppliedOverStaysTheirs() {
    ConfigMap taken =
        object(
            STAMPED,
            entry("kubectl-create", "Update", "2026-12-02T10:00:00Z", null),
            entry("helm", "Apply", "2026-12-02T10:00:03Z", null));
    assertFalse(CreatedBy.earlierAttempt(taken, SHOP, true));
  }

  @Test
  void anotherReleasesStampIsNotOurs() {
    ConfigMap other =
        object(
            Map.of(Manifests.RELEASE_NAME, "shop", Manifests.RELEASE_NAMESPACE, "team-b"),
            entry("helm", "Apply", "2026-12-02T10:00:01Z", null));
    assertFalse(CreatedBy.earlierAttempt(other, SHOP, true));
    assertFalse(CreatedBy.release(other, SHOP));
  }

  @Test
  void statusWritesDoNotCountAsAnotherWriter() {
    ConfigMap ours =
        object(
            STAMPED,
            entry("helm", "Apply", "2026-12-02T10:00:01Z", null),
            entry("kube-controller-manager", "Update", "2026-12-02T10:00:01Z", "status"));
    assertEquals(List.of(), CreatedBy.otherWriters(ours));
  }
}
