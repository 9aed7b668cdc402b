package dev.converge.api.codec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code converge.codec.*}: payload encryption keys and who may use the codec server. From the
 * environment: {@code CONVERGE_CODEC_KEYS_<ID>=<base64 of 32 random bytes>} (Spring lower-cases the
 * id, so use ids like {@code k2026}) and {@code CONVERGE_CODEC_ACTIVE_KEY=<id>}. No key set: no
 * encryption.
 *
 * @param keys key id to base64 key; keep old ids after a rotation until no run needs them
 * @param activeKey the id new payloads are encrypted with
 * @param uiOrigins browser origins of the Temporal UI allowed by CORS to call {@code /codec/*}
 * @param uiSession how long a browser stays signed in after {@code /codec/login} (default 12 h)
 */
@ConfigurationProperties("converge.codec")
public record CodecSettings(
    Map<String, String> keys, String activeKey, List<String> uiOrigins, Duration uiSession) {
  public CodecSettings {
    keys = keys == null ? Map.of() : Map.copyOf(keys);
    uiOrigins = uiOrigins == null ? List.of() : List.copyOf(uiOrigins);
    uiSession =
        uiSession == null || uiSession.isNegative() || uiSession.isZero()
            ? Duration.ofHours(12)
            : uiSession;
  }
}
