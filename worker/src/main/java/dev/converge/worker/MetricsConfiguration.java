package dev.converge.worker;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Temporal starter puts every WorkerInterceptor bean on the workers it creates. */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {
  @Bean
  ConvergeMetrics convergeMetrics(MeterRegistry registry) {
    return new ConvergeMetrics(registry);
  }

  @Bean
  ConvergeMetricsInterceptor convergeMetricsInterceptor(ConvergeMetrics metrics) {
    return new ConvergeMetricsInterceptor(metrics);
  }

  /** Test-only (real-tier crash suite): absent unless CONVERGE_CRASH_POINT is set. */
  @Bean
  @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("converge.crash-point")
  CrashPoint crashPoint(
      @org.springframework.beans.factory.annotation.Value("${converge.crash-point}") String spec,
      @org.springframework.beans.factory.annotation.Value("${converge.crash-marker}") String marker) {
    return new CrashPoint(spec, java.nio.file.Path.of(marker));
  }
}
