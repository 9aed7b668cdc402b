package dev.converge.activities.render;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The YAML and JSON forms used for values and objects; canonical = keys sorted, so stable. */
final class Yamls {
  // Duplicate keys are an error, as for the API server, instead of silently keeping the last.
  static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final ObjectMapper CANONICAL_YAML =
      new ObjectMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .disable(YAMLGenerator.Feature.SPLIT_LINES)
                  .build())
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private static final ObjectMapper CANONICAL_JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private Yamls() {}

  static String canonicalYaml(Object value) {
    try {
      return CANONICAL_YAML.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String canonicalJson(Object value) {
    try {
      return CANONICAL_JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Helm's values-file merge: maps merge key by key, anything else (lists too) is replaced. */
  static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> overlay) {
    Map<String, Object> out = mutableCopy(base);
    overlay.forEach(
        (key, value) -> {
          if (value instanceof Map<?, ?> over && out.get(key) instanceof Map<?, ?> under) {
            out.put(key, deepMerge(asMap(under), asMap(over)));
          } else {
            out.put(key, copy(value));
          }
        });
    return out;
  }

  /** A deep copy made of LinkedHashMap and ArrayList, so it can be changed in place. */
  static Map<String, Object> mutableCopy(Map<String, Object> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((key, value) -> out.put(key, copy(value)));
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> map) {
      return mutableCopy(asMap(map));
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(item -> out.add(copy(item)));
      return out;
    }
    return value;
  }
}
