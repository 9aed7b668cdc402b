package dev.converge.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class CodecSettingsTest {
  private static final String KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

  private static CodecSettings fromEnvironment(Map<String, Object> env) {
    StandardEnvironment environment = new StandardEnvironment();
    // Spring maps CONVERGE_CODEC_KEYS_X to converge.codec.keys.x only for the source of this name.
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
    return Binder.get(environment).bindOrCreate("converge.codec", CodecSettings.class);
  }

  @Test
  void keysAndActiveKeyBindFromEnvironmentVariables() {
    CodecSettings settings =
        fromEnvironment(
            Map.of(
                "CONVERGE_CODEC_KEYS_K2026",
                KEY,
                "CONVERGE_CODEC_KEYS_K2025",
                KEY,
                "CONVERGE_CODEC_ACTIVEKEY",
                "k2026"));
    assertEquals(Map.of("k2026", KEY, "k2025", KEY), settings.keys());
    assertEquals("k2026", settings.activeKey());
  }

  private static final WorkerSettings NO_STORE =
      new WorkerSettings(null, null, null, null, null, null, null);

  @Test
  void withAKeyTheClientGetsAnEncryptingDataConverter() {
    CodecSettings settings = new CodecSettings(Map.of("k1", KEY), "k1");
    WorkflowClientOptions options =
        new CodecConfiguration()
            .payloadCodecCustomizer(settings, NO_STORE, null)
            .customize(WorkflowClientOptions.newBuilder())
            .build();
    assertFalse(
        options
            .getDataConverter()
            .toPayload("s3cr3t")
            .orElseThrow()
            .getData()
            .toStringUtf8()
            .contains("s3cr3t"));
  }

  @Test
  void withoutKeysTheDefaultDataConverterStays() {
    WorkflowClientOptions options =
        new CodecConfiguration()
            .payloadCodecCustomizer(new CodecSettings(Map.of(), ""), NO_STORE, null)
            .customize(
                WorkflowClientOptions.newBuilder()
                    .setDataConverter(DefaultDataConverter.STANDARD_INSTANCE))
            .build();
    assertSame(DefaultDataConverter.STANDARD_INSTANCE, options.getDataConverter());
  }
}
