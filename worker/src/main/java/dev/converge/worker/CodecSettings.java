package dev.converge.worker;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code converge.codec.*}: payload encryption keys. From the environment: {@code
 * CONVERGE_CODEC_KEYS_<ID>=<base64 of 32 random bytes>} (Spring lower-cases the id, so use ids like
 * {@code k2026}) and {@code CONVERGE_CODEC_ACTIVE_KEY=<id>}. Nothing set: no encryption.
 *
 * @param keys key id to base64 key; keep old ids after a rotation until no run needs them
 * @param activeKey the id new payloads are encrypted with
 */
@ConfigurationProperties("converge.codec")
public record CodecSettings(Map<String, String> keys, String activeKey) {
  public CodecSettings {
    keys = keys == null ? Map.of() : Map.copyOf(keys);
  }
}
