package dev.converge.worker;

import dev.converge.registry.OciBlobStore;
import dev.converge.registry.Registries;
import dev.converge.workflows.codec.AesGcmPayloadCodec;
import dev.converge.workflows.codec.CodecKeys;
import dev.converge.workflows.codec.OffloadingCodec;
import dev.converge.workflows.codec.Sealer;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the payload codec under the Temporal client the starter builds; the worker factory takes its
 * data converter from that client, so workflow input, results, activity arguments and heartbeats
 * are all encrypted before they reach Temporal.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CodecSettings.class)
public class CodecConfiguration {
  private static final Logger log = LoggerFactory.getLogger(CodecConfiguration.class);

  /**
   * Payloads above this many bytes go to the shared store; history keeps their digest. Each one
   * stored costs a registry push inside a workflow task (~0.1 s): 64 KB keeps a chart of a hundred
   * objects free of them while a chart of thousands still leaves a small history.
   */
  static final int OFFLOAD_BYTES = 64 * 1024;

  /** Bundles (rendered Secrets, merged values) are sealed at rest with the same keys. */
  @Bean
  Sealer bundleSealer(CodecSettings settings) {
    return CodecKeys.codec(settings.keys(), settings.activeKey())
        .<Sealer>map(codec -> codec)
        .orElseGet(
            () -> {
              log.warn(
                  "no payload codec key configured (converge.codec.*): rendered bundles are stored in plaintext");
              return Sealer.NONE;
            });
  }

  @Bean
  TemporalOptionsCustomizer<WorkflowClientOptions.Builder> payloadCodecCustomizer(
      CodecSettings settings, WorkerSettings worker, Registries registries) {
    Optional<AesGcmPayloadCodec> codec = CodecKeys.codec(settings.keys(), settings.activeKey());
    if (codec.isEmpty()) {
      log.warn(
          "no payload codec key configured (converge.codec.*): workflow history holds payloads in plaintext");
    } else {
      log.info(
          "payloads encrypted with key id {} (known ids {})",
          settings.activeKey(),
          settings.keys().keySet());
    }
    PayloadCodec chain = codec.<PayloadCodec>map(c -> c).orElse(null);
    if (worker.manifestStore() != null && !worker.manifestStore().isBlank()) {
      // Large payloads (a big chart's resource lists) by digest: history stays small whatever the
      // chart.
      OffloadingCodec offloading =
          new OffloadingCodec(
              new OciBlobStore(
                  registries,
                  worker.manifestStore().strip(),
                  Path.of(System.getProperty("java.io.tmpdir"))),
              OFFLOAD_BYTES);
      chain = chain == null ? offloading : OffloadingCodec.after(chain, offloading);
    }
    if (chain == null) {
      return builder -> builder;
    }
    PayloadCodec dataCodec = chain;
    return builder -> builder.setDataConverter(CodecKeys.dataConverter(dataCodec));
  }
}
