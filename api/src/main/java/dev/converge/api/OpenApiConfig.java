package dev.converge.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Title and the bearer scheme of the document served at {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {
  @Bean
  OpenAPI convergeOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("converge API")
                .version("v1")
                .description(
                    "Start, follow and audit converges (Helm chart deploys run as Temporal workflows)."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }
}
