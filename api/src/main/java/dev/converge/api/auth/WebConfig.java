package dev.converge.api.auth;

import dev.converge.api.codec.CodecAuthInterceptor;
import dev.converge.api.codec.CodecSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Auth covers the whole REST surface and the codec server; the OpenAPI document and actuator stay
 * open to probes. Only the codec server is reachable from the Temporal UI's browser origin.
 */
@Configuration
@EnableConfigurationProperties({ApiTokens.class, CodecSettings.class})
public class WebConfig implements WebMvcConfigurer {
  private final BearerTokens tokens;
  private final CodecSettings codec;

  public WebConfig(ApiTokens config, CodecSettings codec) {
    this.tokens = new BearerTokens(config);
    this.codec = codec;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new AuthInterceptor(tokens)).addPathPatterns("/api/**");
    registry.addInterceptor(new CodecAuthInterceptor(tokens)).addPathPatterns("/codec/**");
  }

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

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    if (codec.uiOrigins().isEmpty()) {
      return;
    }
    // The UI sends X-Namespace on every codec call; credentials for a UI that forwards cookies.
    registry.addMapping("/codec/**").allowedOrigins(codec.uiOrigins().toArray(String[]::new)).allowedMethods("POST")
        .allowedHeaders(HttpHeaders.CONTENT_TYPE, HttpHeaders.AUTHORIZATION, "X-Namespace").allowCredentials(true).maxAge(600);
  }
}
