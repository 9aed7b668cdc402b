package dev.converge.activities.manifest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the API server does to a Secret on write, done where digests must see the stored form. */
public final class SecretData {
  private SecretData() {}

  /** {@code stringData} values become base64 {@code data}, overriding keys of the same name. */
  @SuppressWarnings("unchecked")
  public static void moveStringData(Map<String, Object> secret) {
    if (!(secret.remove("stringData") instanceof Map<?, ?> stringData)) {
      return;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    if (secret.get("data") instanceof Map<?, ?> existing) {
      data.putAll((Map<String, Object>) existing);
    }
    Base64.Encoder base64 = Base64.getEncoder();
    stringData.forEach(
        (k, v) ->
            data.put(
                String.valueOf(k),
                base64.encodeToString(
                    String.valueOf(v == null ? "" : v).getBytes(StandardCharsets.UTF_8))));
    secret.put("data", data);
  }
}
