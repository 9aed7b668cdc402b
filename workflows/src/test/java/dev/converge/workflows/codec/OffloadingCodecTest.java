package dev.converge.workflows.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OffloadingCodecTest {
  private final Map<String, byte[]> blobs = new HashMap<>();
  private final OffloadingCodec.BlobStore store =
      new OffloadingCodec.BlobStore() {
        @Override
        public String put(byte[] bytes) {
          try {
            String digest =
                "sha256:"
                    + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            blobs.put(digest, bytes);
            return digest;
          } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
          }
        }

        @Override
        public byte[] get(String digest) {
          return blobs.get(digest);
        }
      };

  @Test
  void largePayloadsTravelByDigestAndComeBackIntact() {
    DataConverter converter = CodecKeys.dataConverter(new OffloadingCodec(store, 1024));
    String large = "x".repeat(50_000);
    Payload encoded = converter.toPayload(large).orElseThrow();
    assertTrue(
        encoded.getSerializedSize() < 200,
        "history keeps a reference of " + encoded.getSerializedSize() + " bytes");
    assertEquals(large, converter.fromPayload(encoded, String.class, String.class));
    Payload small = converter.toPayload("small").orElseThrow();
    assertTrue(small.getData().toStringUtf8().contains("small"), "small payloads stay inline");
  }

  @Test
  void afterEncryptionTheStoreOnlyEverHoldsCiphertext() {
    AesGcmPayloadCodec aes =
        CodecKeys.codec(Map.of("k", Base64.getEncoder().encodeToString(new byte[32])), "k")
            .orElseThrow();
    DataConverter converter =
        CodecKeys.dataConverter(OffloadingCodec.after(aes, new OffloadingCodec(store, 1024)));
    String secret = "apiKey=s3cr3t " + "y".repeat(5_000);
    Payload encoded = converter.toPayload(secret).orElseThrow();
    assertEquals(1, blobs.size());
    assertFalse(
        new String(blobs.values().iterator().next(), StandardCharsets.ISO_8859_1)
            .contains("s3cr3t"));
    assertEquals(secret, converter.fromPayload(encoded, String.class, String.class));
    assertEquals(
        List.of(encoded),
        new OffloadingCodec(store, 1024).encode(List.of(encoded)),
        "a reference is small: not offloaded again");
  }
}
