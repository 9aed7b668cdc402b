package dev.converge.workflows.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.payload.codec.PayloadCodec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the configured keys ({@code converge.codec.keys.<id>=<base64 of 32 bytes>} and {@code
 * converge.codec.active-key=<id>}) into the codec every Temporal client and worker of converge
 * shares. Plain Java so the worker, the API and test clients build it the same way. Error messages
 * name key ids, never key material.
 */
public final class CodecKeys {
  private CodecKeys() {}

  /**
   * @return empty when no key is configured at all (local use without encryption)
   * @throws IllegalArgumentException for a half or wrong configuration: refusing to start beats
   *     silently writing plaintext history
   */
  public static Optional<AesGcmPayloadCodec> codec(
      Map<String, String> base64Keys, String activeKey) {
    Map<String, String> configured = base64Keys == null ? Map.of() : base64Keys;
    boolean noActive = activeKey == null || activeKey.isBlank();
    if (configured.isEmpty() && noActive) {
      return Optional.empty();
    }
    if (noActive) {
      throw new IllegalArgumentException(
          "converge.codec.keys has "
              + configured.keySet()
              + " but converge.codec.active-key (CONVERGE_CODEC_ACTIVE_KEY) is not set: name the key new payloads use");
    }
    Map<String, byte[]> keys = new LinkedHashMap<>();
    configured.forEach(
        (id, text) -> {
          if (text == null || text.isBlank()) {
            return; // an unset environment variable behind a key id: not a key
          }
          try {
            keys.put(id, Base64.getDecoder().decode(text.strip()));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("converge.codec.keys." + id + " is not base64");
          }
        });
    return Optional.of(new AesGcmPayloadCodec(keys, activeKey.strip()));
  }

  /** Temporal's default JSON/proto conversion, then encryption of every payload. */
  public static DataConverter dataConverter(AesGcmPayloadCodec codec) {
    return dataConverter((PayloadCodec) codec);
  }

  /**
   * Any codec chain (encryption, offloading) under Temporal's default JSON converter. Failure
   * messages and stack traces go through it too (Temporal's encoded failure attributes): a chart's
   * {@code fail} text may carry a looked-up value, so history holds none of it in plaintext.
   */
  public static DataConverter dataConverter(PayloadCodec codec) {
    return new CodecDataConverter(tolerantJson(), List.of(codec), true);
  }

  /**
   * Temporal's default conversion, except that a record field this code does not know is skipped:
   * during a rolling upgrade an API still on the old release reads reports a new worker wrote (a
   * report with a new field made every wait on it fail).
   */
  public static DataConverter tolerantJson() {
    ObjectMapper mapper =
        JacksonJsonPayloadConverter.newDefaultObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    return DefaultDataConverter.newDefaultInstance()
        .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(mapper));
  }
}
