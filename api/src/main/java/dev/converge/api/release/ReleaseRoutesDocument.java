package dev.converge.api.release;

import dev.converge.workflows.WorkflowType;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document lists one path per release route ({@code .../rollback}, ...) instead of the
 * one {@code {operation}} mapping that serves them, so a client sees what it may call.
 */
@Configuration(proxyBeanMethods = false)
class ReleaseRoutesDocument {

  @Bean
  OpenApiCustomizer releaseRoutes() {
    return api -> {
      PathItem generic = api.getPaths() == null ? null : api.getPaths().get(ReleaseOperations.PATH);
      if (generic == null || generic.getPost() == null) {
        return;
      }
      api.getPaths().remove(ReleaseOperations.PATH);
      for (WorkflowType type : WorkflowType.values()) {
        type.route()
            .ifPresent(
                route -> {
                  String path = ReleaseOperations.PATH.replace("{operation}", route.path());
                  if (!api.getPaths().containsKey(path)) {
                    api.getPaths().addPathItem(path, new PathItem().post(post(generic, type)));
                  }
                });
      }
    };
  }

  private static Operation post(PathItem generic, WorkflowType type) {
    Operation from = generic.getPost();
    String path = type.route().orElseThrow().path();
    return new Operation()
        .summary("Start a " + type.typeName() + " run of the release. " + from.getSummary())
        .operationId(path)
        .tags(from.getTags())
        .parameters(
            from.getParameters() == null
                ? null
                : from.getParameters().stream()
                    .filter(p -> !"operation".equals(p.getName()))
                    .toList())
        .requestBody(from.getRequestBody())
        .responses(from.getResponses())
        .security(from.getSecurity());
  }
}
