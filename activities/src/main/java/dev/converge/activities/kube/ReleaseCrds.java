package dev.converge.activities.kube;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
      String kind = kindDefined(object.yaml());
      if (kind != null) {
        kinds.add(kind);
      }
    }
    return kinds;
  }

  /**
   * {@code group/Kind} a CRD's YAML defines, or null. Streamed, and stopped as soon as both are
   * known: a CRD's schema (often a megabyte) comes after them and is never built into a tree.
   */
  static String kindDefined(String yaml) {
    String kind = null;
    String group = null;
    String namesKind = null;
    try (JsonParser parser = YAML.getFactory().createParser(yaml)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("kind") && value == JsonToken.VALUE_STRING) {
          kind = parser.getText();
        } else if (field.equals("spec") && value == JsonToken.START_OBJECT) {
          while (parser.nextToken() == JsonToken.FIELD_NAME
              && (group == null || namesKind == null)) {
            String specField = parser.currentName();
            JsonToken specValue = parser.nextToken();
            if (specField.equals("group") && specValue == JsonToken.VALUE_STRING) {
              group = parser.getText();
            } else if (specField.equals("names") && specValue == JsonToken.START_OBJECT) {
              namesKind = namesKind(parser);
            } else {
              parser.skipChildren();
            }
          }
          if (kind != null) {
            break; // kind comes first in real CRDs: the schema after it is never read
          }
          rest(parser);
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      return null; // render parsed every object already; an unreadable one defines nothing
    }
    boolean crd = "CustomResourceDefinition".equals(kind);
    return crd && group != null && namesKind != null ? group + "/" + namesKind : null;
  }

  /** Skips what is left of the object the parser stands in, up to and including its end. */
  private static void rest(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    while (token == JsonToken.FIELD_NAME) {
      parser.nextToken();
      parser.skipChildren();
      token = parser.nextToken();
    }
  }

  private static String namesKind(JsonParser parser) throws IOException {
    String found = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("kind") && value == JsonToken.VALUE_STRING) {
        found = parser.getText();
      } else {
        parser.skipChildren();
      }
    }
    return found;
  }

  static String groupKind(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    return (slash < 0 ? "" : apiVersion.substring(0, slash)) + "/" + kind;
  }
}
