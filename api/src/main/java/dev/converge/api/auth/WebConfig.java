package dev.converge.api.auth;

import dev.converge.api.codec.CodecSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Web settings; who may call what is decided in {@link SecurityConfig}. */
@Configuration
@EnableConfigurationProperties({ApiTokens.class, CodecSettings.class})
@Import(SecurityConfig.class)
public class WebConfig implements WebMvcConfigurer {
  /**
   * Each events stream holds a thread for as long as its run lasts: a pool of its own with room for
   * many, so no stream waits behind another (Spring's default async pool has 8 threads and a queue).
   */
  @Override
  public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
    ThreadPoolTaskExecutor streams = new ThreadPoolTaskExecutor();
    streams.setThreadNamePrefix("events-");
    streams.setCorePoolSize(16);
    streams.setMaxPoolSize(512);
    streams.setQueueCapacity(0);
    streams.setAllowCoreThreadTimeOut(true);
    streams.setDaemon(true);
    streams.initialize();
    configurer.setTaskExecutor(streams);
  }
}
