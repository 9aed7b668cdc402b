package dev.converge.api.temporal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FairnessSettings.class)
public class FairnessConfiguration {
  @Bean
  Fairness fairness(FairnessSettings settings) {
    return new Fairness(settings);
  }
}
