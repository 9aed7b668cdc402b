package dev.converge.api.codec;

import com.google.protobuf.ByteString;
import dev.converge.api.error.InvalidParameterException;
import io.swagger.v3.oas.annotations.Operation;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Temporal's remote codec protocol, so the Temporal UI and CLI ({@code --codec-endpoint
 * http://host:8080/codec}) show payloads decrypted to authorised people. Bodies are the protobuf
 * JSON of {@code Payloads}: metadata values and data in base64.
 */
@RestController
@RequestMapping("/codec")
public class CodecController {
  private final PayloadCodec codec;

  public CodecController(PayloadCodec codec) {
    this.codec = codec;
  }

  @Operation(summary = "Encrypt payloads with the active key")
  @PostMapping(path = "/encode", consumes = "application/json", produces = "application/json")
  public Payloads encode(@RequestBody Payloads body) {
    return Payloads.of(codec.encode(body.toProto()));
  }

  @Operation(summary = "Decrypt payloads (needs a token for all namespaces)")
  @PostMapping(path = "/decode", consumes = "application/json", produces = "application/json")
  public Payloads decode(@RequestBody Payloads body) {
    try {
      return Payloads.of(codec.decode(body.toProto()));
    } catch (PayloadCodecException e) {
      // A wrong key id or a tampered payload is the caller's input, not our failure.
      throw new InvalidParameterException("payloads", e.getMessage());
    }
  }

  /** {@code {"payloads":[{"metadata":{"encoding":"<base64>"},"data":"<base64>"}]}} */
  public record Payloads(List<JsonPayload> payloads) {
    public Payloads {
      payloads =
          payloads == null
              ? List.of()
              : payloads.stream().map(p -> p == null ? new JsonPayload(null, null) : p).toList();
    }

    static Payloads of(List<Payload> protos) {
      Base64.Encoder b64 = Base64.getEncoder();
      return new Payloads(
          protos.stream()
              .map(
                  p -> {
                    Map<String, String> metadata = new LinkedHashMap<>();
                    p.getMetadataMap()
                        .forEach((k, v) -> metadata.put(k, b64.encodeToString(v.toByteArray())));
                    return new JsonPayload(metadata, b64.encodeToString(p.getData().toByteArray()));
                  })
              .toList());
    }

    List<Payload> toProto() {
      return payloads.stream().map(JsonPayload::toProto).toList();
    }
  }

  public record JsonPayload(Map<String, String> metadata, String data) {
    Payload toProto() {
      Payload.Builder builder = Payload.newBuilder().setData(bytes("data", data));
      if (metadata != null) {
        metadata.forEach(
            (k, v) -> builder.putMetadata(k == null ? "" : k, bytes("metadata." + k, v)));
      }
      return builder.build();
    }

    private static ByteString bytes(String field, String base64) {
      try {
        return base64 == null
            ? ByteString.EMPTY
            : ByteString.copyFrom(Base64.getDecoder().decode(base64));
      } catch (IllegalArgumentException e) {
        throw new InvalidParameterException("payloads[]." + field, "not base64");
      }
    }
  }
}
