package dev.converge.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Title and the bearer scheme of the document served at {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {
  /** Report fields the operation graph replaces; still filled for this release of the API. */
  static final List<String> DEPRECATED_REPORT_FIELDS = List.of("completed", "failed", "canceled");

  @Bean
  OpenApiCustomizer deprecatedReportFields() {
    return api -> {
      if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
        return;
      }
      Schema<?> report = api.getComponents().getSchemas().get("ConvergeResult");
      if (report == null || report.getProperties() == null) {
        return;
      }
      DEPRECATED_REPORT_FIELDS.forEach(
          name -> {
            Schema<?> field = report.getProperties().get(name);
            if (field != null) {
              field.setDeprecated(true);
              field.setDescription("Deprecated: read operations (the operation graph) instead");
            }
          });
    };
  }

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
