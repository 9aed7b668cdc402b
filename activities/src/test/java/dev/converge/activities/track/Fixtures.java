package dev.converge.activities.track;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
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

  public static GenericKubernetesResource generic(String name) {
    return load(name, GenericKubernetesResource.class);
  }

  public static <T> T convert(Object object, Class<T> type) {
    return SERIALIZATION.convertValue(object, type);
  }
}
