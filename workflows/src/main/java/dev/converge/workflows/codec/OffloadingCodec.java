package dev.converge.workflows.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The claim-check pattern: a payload larger than the threshold is stored in a content-addressed
 * store every worker and the API reach, and history keeps only its digest. History bytes then stay
 * flat however many objects a chart has, and no payload meets Temporal's size limits. Runs after
 * encryption on the way out, so the store only ever holds ciphertext when a key is configured.
 */
public final class OffloadingCodec implements PayloadCodec {
  public static final String ENCODING = "converge/offloaded";
  private static final String METADATA_ENCODING = "encoding";
  private final BlobStore store;
  private final int threshold;

  /**
   * Content-addressed bytes: {@code put} returns {@code sha256:<hex>}, {@code get} returns exactly
   * those bytes.
   */
  public interface BlobStore {
    String put(byte[] bytes);

    byte[] get(String digest);
  }

  /**
   * @param threshold payloads of more bytes than this are stored by digest
   */
  public OffloadingCodec(BlobStore store, int threshold) {
    this.store = store;
    this.threshold = threshold;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      byte[] bytes = payload.toByteArray();
      if (bytes.length <= threshold) {
        out.add(payload);
        continue;
      }
      String digest = store.put(bytes);
      out.add(
          Payload.newBuilder()
              .putMetadata(METADATA_ENCODING, ByteString.copyFromUtf8(ENCODING))
              .setData(ByteString.copyFromUtf8(digest))
              .build());
    }
    return out;
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      ByteString encoding = payload.getMetadataMap().get(METADATA_ENCODING);
      if (encoding == null || !ENCODING.equals(encoding.toString(StandardCharsets.UTF_8))) {
        out.add(payload);
        continue;
      }
      String digest = payload.getData().toString(StandardCharsets.UTF_8);
      try {
        out.add(Payload.parseFrom(store.get(digest)));
      } catch (InvalidProtocolBufferException e) {
        throw new PayloadCodecException("offloaded payload " + digest + " is not a payload", e);
      }
    }
    return out;
  }

  /** Encryption first, then offloading (and the other way round to read), as one codec. */
  public static PayloadCodec after(PayloadCodec first, OffloadingCodec offloading) {
    return new PayloadCodec() {
      @Override
      public List<Payload> encode(List<Payload> payloads) {
        return offloading.encode(first.encode(payloads));
      }

      @Override
      public List<Payload> decode(List<Payload> payloads) {
        return first.decode(offloading.decode(payloads));
      }
    };
  }
}
