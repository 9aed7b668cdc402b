package dev.converge.api.auth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code converge.api.tokens[n].token/contexts/namespaces/charts/registries}: who may call the API,
 * which kube contexts and namespaces each caller may touch, and which chart sources (directories
 * under the charts directory, {@code oci://} repositories) it may deploy and read values from.
 * {@code "*"} in a list means any; an empty list grants nothing. A blank token never matches, so an
 * unset environment variable cannot open the API. {@code converge.api.four-eyes=true}: no token
 * approves the plan of a converge it started.
 */
@ConfigurationProperties("converge.api")
public record ApiTokens(List<Token> tokens, boolean fourEyes) {
  public ApiTokens {
    tokens = tokens == null ? List.of() : List.copyOf(tokens);
  }

  /**
   * @param registries where bundles may be published or copied to: {@code oci://host/repository}
   *     prefixes, or {@code archive:<dir>} under the charts directory
   * @param fourEyes true: this token may not approve the plan of a converge it started; unset:
   *     {@code converge.api.four-eyes} decides (default false)
   */
  public record Token(
      String name,
      String token,
      List<String> contexts,
      List<String> namespaces,
      List<String> charts,
      List<String> registries,
      Boolean fourEyes) {
    public Token {
      contexts = contexts == null ? List.of() : List.copyOf(contexts);
      namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
      charts = charts == null ? List.of() : List.copyOf(charts);
      registries = registries == null ? List.of() : List.copyOf(registries);
    }
  }
}
