package dev.converge.activities.track;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** API objects as a real API server returns them, from src/test/resources/fixtures. */
public final class Fixtures {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Fixtures() {}

  public static <T> T load(String name, Class<T> type) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return SERIALIZATION.unmarshal(in, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An event about container app of the never-ready pod of fixtures/rollout, shaped like the
   * recorded event-hpa-failed.json (the kubelet's probe events cannot be produced on kwok).
   */
  public static Event podEvent(String type, String reason, String message, int count) {
    Event event = load("event-hpa-failed.json", Event.class);
    event.setType(type);
    event.setReason(reason);
    event.setMessage(message);
    event.setCount(count);
    event.getMetadata().setUid("uid-" + reason);
    event.setInvolvedObject(
        new ObjectReferenceBuilder()
            .withKind("Pod")
            .withName("api-5bfb4fb599-n757z")
            .withNamespace("i5-fix")
            .withFieldPath("spec.containers{app}")
            .build());
    return event;
  }

  public static GenericKubernetesResource generic(String name) {
    return load(name, GenericKubernetesResource.class);
  }

  public static <T> T convert(Object object, Class<T> type) {
    return SERIALIZATION.convertValue(object, type);
  }
}
