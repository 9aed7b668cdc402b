package dev.converge.activities.track;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.model.ResourceKey;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import org.junit.jupiter.api.Test;

/** An event about an earlier object of the same name (deleted seconds ago) is not this one's. */
class TrackEventOwnerTest {
  private static final ResourceKey NE =
      new ResourceKey("apps/v1", "DaemonSet", "team-b", "ne-exporter");

  @Test
  void anEventOfAnotherUidOfTheSameNameIsLeftOut() {
    assertTrue(TrackRun.otherObjectOfTheName(about("DaemonSet", "ne-exporter", "old"), NE, "new"));
  }

  @Test
  void itsOwnEventsAndThoseOfItsPodsStay() {
    assertFalse(TrackRun.otherObjectOfTheName(about("DaemonSet", "ne-exporter", "new"), NE, "new"));
    assertFalse(TrackRun.otherObjectOfTheName(about("Pod", "ne-exporter-x", "p1"), NE, "new"));
    assertFalse(TrackRun.otherObjectOfTheName(about("DaemonSet", "ne-exporter", null), NE, "new"));
  }

  private static Event about(String kind, String name, String uid) {
    return new EventBuilder()
        .withNewInvolvedObject()
        .withKind(kind)
        .withName(name)
        .withUid(uid)
        .endInvolvedObject()
        .withReason("FailedCreate")
        .build();
  }
}
