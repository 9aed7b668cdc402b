package dev.converge.api.codec;

import dev.converge.registry.OciBlobStore;
import dev.converge.registry.Registries;
import dev.converge.registry.RegistrySettings;
import dev.converge.workflows.codec.CodecKeys;
import dev.converge.workflows.codec.OffloadingCodec;
import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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
  PayloadCodec payloadCodec(
      CodecSettings settings,
      @Value("${converge.manifest-store:}") String store,
      @Value("${converge.registries.plain-http:}") String plainHttp,
      @Value("${converge.registries.docker-config:}") String dockerConfig) {
    PayloadCodec codec =
        CodecKeys.codec(settings.keys(), settings.activeKey())
            .<PayloadCodec>map(
                aes -> {
                  log.info(
                      "payloads encrypted with key id {} (known ids {})",
                      settings.activeKey(),
                      settings.keys().keySet());
                  return aes;
                })
            .orElseGet(
                () -> {
                  log.warn(
                      "no payload codec key configured (converge.codec.*): workflow history holds payloads in plaintext");
                  return new PassThrough();
                });
    if (store == null || store.isBlank()) {
      return codec;
    }
    // Workers offload large payloads to the store (claim checks): read them back from there.
    Map<String, RegistrySettings.Host> hosts = new LinkedHashMap<>();
    for (String host : plainHttp.split(",")) {
      if (!host.isBlank()) {
        hosts.put(host.strip(), new RegistrySettings.Host(true, null, null));
      }
    }
    Registries registries =
        new Registries(
            new RegistrySettings(dockerConfig.isBlank() ? null : Path.of(dockerConfig), hosts));
    OffloadingCodec offloading =
        new OffloadingCodec(
            new OciBlobStore(
                registries, store.strip(), Path.of(System.getProperty("java.io.tmpdir"))),
            Integer.MAX_VALUE);
    return OffloadingCodec.after(codec, offloading);
  }

  @Bean
  TemporalOptionsCustomizer<WorkflowClientOptions.Builder> payloadCodecCustomizer(
      PayloadCodec codec) {
    return builder ->
        codec instanceof PassThrough
            ? builder
            : builder.setDataConverter(CodecKeys.dataConverter(codec));
  }

  /**
   * No keys: the codec server answers with the payloads unchanged, as Temporal's own samples do.
   */
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
