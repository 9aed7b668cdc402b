package dev.converge.workflows.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts every payload (workflow input with its values, results, heartbeat details) with
 * AES-256-GCM before it reaches Temporal, so history never holds a secret in plaintext. Each
 * payload names its key id: rotating means adding a new key, making it current and keeping the old
 * ones until no open or audited run still uses them. Payloads that are not encrypted (from before
 * the codec was turned on) pass through, so turning it on breaks no running workflow.
 */
public final class AesGcmPayloadCodec implements PayloadCodec, Sealer {
  public static final String ENCODING = "binary/encrypted";
  public static final String KEY_ID = "encryption-key-id";
  private static final String METADATA_ENCODING = "encoding";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Blobs and payloads authenticate different data: neither's ciphertext passes for the other. */
  private static final String BLOB_AAD = "blob:";

  private final Map<String, SecretKeySpec> keys;
  private final String currentKeyId;

  /**
   * @param keys key id to a 32-byte AES key
   * @param currentKeyId the key new payloads are encrypted with
   */
  public AesGcmPayloadCodec(Map<String, byte[]> keys, String currentKeyId) {
    if (!keys.containsKey(currentKeyId)) {
      throw new IllegalArgumentException(
          "current key id " + currentKeyId + " is not among the keys " + keys.keySet());
    }
    keys.forEach(
        (id, key) -> {
          if (key.length != 32) {
            throw new IllegalArgumentException(
                "key " + id + " must be 32 bytes (AES-256), is " + key.length);
          }
        });
    this.keys =
        Map.copyOf(
            keys.entrySet().stream()
                .collect(
                    Collectors.toMap(
                        Map.Entry::getKey, e -> new SecretKeySpec(e.getValue(), "AES"))));
    this.currentKeyId = currentKeyId;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  private Payload encrypt(Payload payload) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    byte[] sealed =
        cipher(
            Cipher.ENCRYPT_MODE, keys.get(currentKeyId), iv, payload.toByteArray(), currentKeyId);
    ByteBuffer data = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed);
    return Payload.newBuilder()
        .putMetadata(METADATA_ENCODING, ByteString.copyFromUtf8(ENCODING))
        .putMetadata(KEY_ID, ByteString.copyFromUtf8(currentKeyId))
        .setData(ByteString.copyFrom(data.array()))
        .build();
  }

  private Payload decrypt(Payload payload) {
    ByteString encoding = payload.getMetadataMap().get(METADATA_ENCODING);
    if (encoding == null || !ENCODING.equals(encoding.toString(StandardCharsets.UTF_8))) {
      return payload;
    }
    ByteString id = payload.getMetadataMap().get(KEY_ID);
    String keyId = id == null ? "" : id.toString(StandardCharsets.UTF_8);
    SecretKeySpec key = keys.get(keyId);
    if (key == null) {
      throw new PayloadCodecException(
          "payload encrypted with key id '" + keyId + "', which is not configured here");
    }
    byte[] data = payload.getData().toByteArray();
    if (data.length <= IV_BYTES) {
      throw new PayloadCodecException("encrypted payload too short");
    }
    byte[] iv = Arrays.copyOf(data, IV_BYTES);
    byte[] plain =
        cipher(
            Cipher.DECRYPT_MODE, key, iv, Arrays.copyOfRange(data, IV_BYTES, data.length), keyId);
    try {
      return Payload.parseFrom(plain);
    } catch (InvalidProtocolBufferException e) {
      throw new PayloadCodecException(e);
    }
  }

  /** {@link Sealer#MAGIC}, key id length and key id, IV, ciphertext with its tag. */
  @Override
  public byte[] seal(byte[] plain) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    byte[] id = currentKeyId.getBytes(StandardCharsets.UTF_8);
    byte[] sealed =
        cipher(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), iv, plain, BLOB_AAD + currentKeyId);
    return ByteBuffer.allocate(MAGIC.length + 1 + id.length + IV_BYTES + sealed.length)
        .put(MAGIC)
        .put((byte) id.length)
        .put(id)
        .put(iv)
        .put(sealed)
        .array();
  }

  @Override
  public byte[] open(byte[] stored) {
    if (!Sealer.isSealed(stored)) {
      return stored;
    }
    String keyId = Sealer.keyIdOf(stored);
    SecretKeySpec key = keys.get(keyId);
    if (key == null) {
      throw new IllegalStateException(
          "blob sealed with key id '"
              + keyId
              + "', which is not configured here (converge.codec.keys)");
    }
    int start = MAGIC.length + 1 + keyId.getBytes(StandardCharsets.UTF_8).length;
    if (stored.length <= start + IV_BYTES) {
      throw new IllegalStateException("sealed blob too short");
    }
    byte[] iv = Arrays.copyOfRange(stored, start, start + IV_BYTES);
    try {
      return cipher(
          Cipher.DECRYPT_MODE,
          key,
          iv,
          Arrays.copyOfRange(stored, start + IV_BYTES, stored.length),
          BLOB_AAD + keyId);
    } catch (PayloadCodecException e) {
      throw new IllegalStateException(
          "sealed blob does not decrypt with key id '" + keyId + "' (changed or damaged)", e);
    }
  }

  /** The key id is authenticated data: moving a payload under another id fails to decrypt. */
  private static byte[] cipher(int mode, SecretKeySpec key, byte[] iv, byte[] input, String keyId) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException(e);
    }
  }
}
