package dev.converge.api.auth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code converge.api.tokens[n].token/contexts/namespaces}: who may call the API and which kube
 * contexts and namespaces each caller may touch. {@code "*"} in a list means any. A blank token
 * never matches, so an unset environment variable cannot open the API.
 */
@ConfigurationProperties("converge.api")
public record ApiTokens(List<Token> tokens) {
  public ApiTokens {
    tokens = tokens == null ? List.of() : List.copyOf(tokens);
  }

  public record Token(String name, String token, List<String> contexts, List<String> namespaces) {
    public Token {
      contexts = contexts == null ? List.of() : List.copyOf(contexts);
      namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    }
  }
}
