package dev.converge.workflows.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodecKeysTest {
  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void noKeysAndNoActiveKeyMeansNoCodec() {
    assertTrue(CodecKeys.codec(Map.of(), "").isEmpty());
    assertTrue(CodecKeys.codec(null, null).isEmpty());
  }

  @Test
  void configuredKeysEncryptWithTheActiveOne() {
    AesGcmPayloadCodec codec = CodecKeys.codec(Map.of("old", KEY, "k2", KEY), "k2").orElseThrow();
    DataConverter converter = CodecKeys.dataConverter(codec);

    Payload payload = converter.toPayload(Map.of("apiKey", "s3cr3t")).orElseThrow();

    assertFalse(payload.getData().toStringUtf8().contains("s3cr3t"));
    assertEquals("k2", payload.getMetadataMap().get(AesGcmPayloadCodec.KEY_ID).toStringUtf8());
    assertEquals(Map.of("apiKey", "s3cr3t"), converter.fromPayload(payload, Map.class, Map.class));
  }

  @Test
  void keysWithoutActiveKeyAreRefusedRatherThanWritingPlaintext() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CodecKeys.codec(Map.of("k1", KEY), " "));
    assertTrue(e.getMessage().contains("active-key"), e.getMessage());
  }

  @Test
  void activeKeyThatIsNotConfiguredIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> CodecKeys.codec(Map.of("k1", KEY), "k9"));
    assertThrows(IllegalArgumentException.class, () -> CodecKeys.codec(Map.of(), "k1"));
  }

  @Test
  void badKeyMaterialIsNamedByIdWithoutEchoingIt() {
    IllegalArgumentException notBase64 =
        assertThrows(
            IllegalArgumentException.class,
            () -> CodecKeys.codec(Map.of("k1", "%%secret%%"), "k1"));
    assertFalse(notBase64.getMessage().contains("secret"), notBase64.getMessage());
    assertTrue(notBase64.getMessage().contains("k1"));
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    assertThrows(
        IllegalArgumentException.class, () -> CodecKeys.codec(Map.of("k1", shortKey), "k1"));
  }
}
