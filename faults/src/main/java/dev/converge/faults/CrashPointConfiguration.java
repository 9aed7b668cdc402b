package dev.converge.faults;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Reaches the worker only when this jar is on its loader path (the crash suite starts it so) and
 * {@code CONVERGE_CRASH_POINT} is set; the Temporal starter puts the interceptor on every worker.
 */
@AutoConfiguration
@ConditionalOnProperty("converge.crash-point")
public class CrashPointConfiguration {
  @Bean
  CrashPoint crashPoint(
      @Value("${converge.crash-point}") String spec,
      @Value("${converge.crash-marker}") String marker) {
    return new CrashPoint(spec, Path.of(marker));
  }
}
