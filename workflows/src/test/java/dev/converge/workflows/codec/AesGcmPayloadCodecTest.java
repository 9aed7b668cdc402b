package dev.converge.workflows.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AesGcmPayloadCodecTest {
  private static final byte[] K1 = key(1);
  private static final byte[] K2 = key(2);
  private static final Map<String, Object> INPUT =
      Map.of("release", "shop", "values", Map.of("dbPassword", "hunter2-very-secret"));

  @Test
  void encodedPayloadsHoldNoPlaintextAndDecodeToTheSameValue() {
    CodecDataConverter converter = converter(new AesGcmPayloadCodec(Map.of("k1", K1), "k1"));

    Payload stored = converter.toPayload(INPUT).orElseThrow();

    assertFalse(stored.toString().contains("hunter2"), "no secret in what Temporal stores");
    assertEquals("k1", stored.getMetadataMap().get(AesGcmPayloadCodec.KEY_ID).toStringUtf8());
    assertEquals(INPUT, converter.fromPayload(stored, Map.class, Map.class));
  }

  @Test
  void afterRotationOldPayloadsStillDecodeAndNewOnesUseTheNewKey() {
    Payload old =
        converter(new AesGcmPayloadCodec(Map.of("k1", K1), "k1")).toPayload(INPUT).orElseThrow();
    CodecDataConverter rotated =
        converter(new AesGcmPayloadCodec(Map.of("k1", K1, "k2", K2), "k2"));

    assertEquals(INPUT, rotated.fromPayload(old, Map.class, Map.class));
    assertEquals(
        "k2",
        rotated
            .toPayload(INPUT)
            .orElseThrow()
            .getMetadataMap()
            .get(AesGcmPayloadCodec.KEY_ID)
            .toStringUtf8());
  }

  @Test
  void aPayloadUnderAnUnknownKeyIdFailsNamingTheId() {
    Payload old =
        converter(new AesGcmPayloadCodec(Map.of("k1", K1), "k1")).toPayload(INPUT).orElseThrow();
    AesGcmPayloadCodec withoutK1 = new AesGcmPayloadCodec(Map.of("k2", K2), "k2");

    PayloadCodecException e =
        assertThrows(PayloadCodecException.class, () -> withoutK1.decode(List.of(old)));
    assertTrue(e.getMessage().contains("'k1'"), e.getMessage());
  }

  @Test
  void aTamperedPayloadOrOneRelabelledWithAnotherKeyIdIsRejected() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(Map.of("k1", K1, "k2", K1), "k1");
    Payload sealed = codec.encode(List.of(plain("x"))).get(0);
    byte[] data = sealed.getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payload tampered = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();
    Payload relabelled =
        sealed.toBuilder()
            .putMetadata(AesGcmPayloadCodec.KEY_ID, ByteString.copyFromUtf8("k2"))
            .build();

    assertThrows(PayloadCodecException.class, () -> codec.decode(List.of(tampered)));
    assertThrows(PayloadCodecException.class, () -> codec.decode(List.of(relabelled)));
  }

  @Test
  void unencryptedPayloadsFromBeforeTheCodecPassThrough() {
    Payload before = plain("{\"release\":\"shop\"}");
    assertEquals(
        before, new AesGcmPayloadCodec(Map.of("k1", K1), "k1").decode(List.of(before)).get(0));
  }

  @Test
  void keysMustBeAes256AndTheCurrentIdMustExist() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new AesGcmPayloadCodec(Map.of("k1", new byte[16]), "k1"));
    assertThrows(
        IllegalArgumentException.class, () -> new AesGcmPayloadCodec(Map.of("k1", K1), "k9"));
  }

  private static CodecDataConverter converter(AesGcmPayloadCodec codec) {
    return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(codec));
  }

  private static Payload plain(String json) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFrom(json, StandardCharsets.UTF_8))
        .build();
  }

  private static byte[] key(int seed) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) seed);
    return key;
  }
}
