package dev.converge.api.auth;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Auth covers the whole REST surface; the OpenAPI document and actuator stay open to probes. */
@Configuration
@EnableConfigurationProperties(ApiTokens.class)
public class WebConfig implements WebMvcConfigurer {
  private final BearerTokens tokens;

  public WebConfig(ApiTokens config) {
    this.tokens = new BearerTokens(config);
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new AuthInterceptor(tokens)).addPathPatterns("/api/**");
  }
}
