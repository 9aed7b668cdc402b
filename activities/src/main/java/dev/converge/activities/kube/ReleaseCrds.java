package dev.converge.activities.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.converge.activities.manifest.RenderedRelease;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/** The {@code group/Kind}s that the release's own CustomResourceDefinitions define. */
final class ReleaseCrds {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ReleaseCrds() {}

  static Set<String> kinds(RenderedRelease bundle) {
    Set<String> kinds = new HashSet<>();
    for (RenderedRelease.RenderedObject object : bundle.objects()) {
      if (!object.id().contains("CustomResourceDefinition")) {
        continue;
      }
      try {
        JsonNode node = YAML.readTree(object.yaml());
        if ("CustomResourceDefinition".equals(node.path("kind").asText())) {
          JsonNode spec = node.path("spec");
          kinds.add(spec.path("group").asText() + "/" + spec.path("names").path("kind").asText());
        }
      } catch (IOException e) {
        // render parsed every object already; an unreadable one defines nothing
      }
    }
    return kinds;
  }

  static String groupKind(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    return (slash < 0 ? "" : apiVersion.substring(0, slash)) + "/" + kind;
  }
}
