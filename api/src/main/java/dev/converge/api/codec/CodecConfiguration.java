package dev.converge.api.codec;

import dev.converge.workflows.codec.AesGcmPayloadCodec;
import dev.converge.workflows.codec.CodecKeys;
import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's Temporal client encrypts what it sends (a start's values) and decrypts what it reads
 * (reports, progress) with the same keys as the worker; the codec server endpoints use the same
 * codec. Without keys both are pass-through.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CodecSettings.class)
public class CodecConfiguration {
  private static final Logger log = LoggerFactory.getLogger(CodecConfiguration.class);

  @Bean
  PayloadCodec payloadCodec(CodecSettings settings) {
    return CodecKeys.codec(settings.keys(), settings.activeKey()).<PayloadCodec>map(codec -> {
      log.info("payloads encrypted with key id {} (known ids {})", settings.activeKey(), settings.keys().keySet());
      return codec;
    }).orElseGet(() -> {
      log.warn("no payload codec key configured (converge.codec.*): workflow history holds payloads in plaintext");
      return new PassThrough();
    });
  }

  @Bean
  TemporalOptionsCustomizer<WorkflowClientOptions.Builder> payloadCodecCustomizer(PayloadCodec codec) {
    return builder -> codec instanceof AesGcmPayloadCodec aes ? builder.setDataConverter(CodecKeys.dataConverter(aes)) : builder;
  }

  /** No keys: the codec server answers with the payloads unchanged, as Temporal's own samples do. */
  static final class PassThrough implements PayloadCodec {
    @Override
    public List<Payload> encode(List<Payload> payloads) {
      return payloads;
    }

    @Override
    public List<Payload> decode(List<Payload> payloads) {
      return payloads;
    }
  }
}
