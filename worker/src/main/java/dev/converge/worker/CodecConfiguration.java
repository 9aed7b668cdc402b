package dev.converge.worker;

import dev.converge.workflows.codec.AesGcmPayloadCodec;
import dev.converge.workflows.codec.CodecKeys;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the payload codec under the Temporal client the starter builds; the worker factory takes
 * its data converter from that client, so workflow input, results, activity arguments and
 * heartbeats are all encrypted before they reach Temporal.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CodecSettings.class)
public class CodecConfiguration {
  private static final Logger log = LoggerFactory.getLogger(CodecConfiguration.class);

  @Bean
  TemporalOptionsCustomizer<WorkflowClientOptions.Builder> payloadCodecCustomizer(CodecSettings settings) {
    Optional<AesGcmPayloadCodec> codec = CodecKeys.codec(settings.keys(), settings.activeKey());
    if (codec.isEmpty()) {
      log.warn("no payload codec key configured (converge.codec.*): workflow history holds payloads in plaintext");
      return builder -> builder;
    }
    log.info("payloads encrypted with key id {} (known ids {})", settings.activeKey(), settings.keys().keySet());
    return builder -> builder.setDataConverter(CodecKeys.dataConverter(codec.get()));
  }
}
