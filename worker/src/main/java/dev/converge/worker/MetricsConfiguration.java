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
}
