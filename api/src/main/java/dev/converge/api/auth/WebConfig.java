package dev.converge.api.auth;

import dev.converge.api.codec.CodecSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Web settings; who may call what is decided in {@link SecurityConfig}. */
@Configuration
@EnableConfigurationProperties({ApiTokens.class, CodecSettings.class})
@Import(SecurityConfig.class)
public class WebConfig implements WebMvcConfigurer {}
