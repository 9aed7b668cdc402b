package dev.converge.workflows.model;

import java.util.List;
import java.util.Map;

/**
 * The value sources of a request, merged in docs/semantics.md#values-merge-order: werf's service
 * values from {@code env}, valuesFiles, values, setJson, set, setString, setFile. A converge and a
 * bundle publish take the same fields, so a bundle bakes in exactly what a converge would deploy.
 */
public interface ValuesSource {
  String env();

  List<String> valuesFiles();

  Map<String, Object> values();

  List<String> setJson();

  List<String> set();

  List<String> setString();

  List<String> setFile();
}
