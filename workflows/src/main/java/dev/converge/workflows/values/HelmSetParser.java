package dev.converge.workflows.values;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Helm's {@code --set} family ({@code set}, {@code set-string}, {@code set-json}, {@code set-file})
 * read the way Helm's {@code pkg/strvals} reads them, applied into an existing values map like its
 * {@code ParseInto}: a path is set in place, so {@code a.b=1} keeps the other keys of {@code a} and
 * a path through a value of the wrong type is an error, as in Helm.
 *
 * <p>Pure: set-file content comes from the reader the caller passes.
 */
public final class HelmSetParser {
  private static final int MAX_NESTED_NAME_LEVEL = 30;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How a value is read. */
  public enum Mode {
    /** {@code --set}: true/false/null/integers are typed, the rest are strings. */
    TYPED,
    /** {@code --set-string}: every value is a string. */
    STRING,
    /** {@code --set-json}: every value is a JSON document. */
    JSON
  }

  private final String text;
  private final Mode mode;
  private final Function<String, Object> reader;
  private int pos;
  private boolean eof;

  private HelmSetParser(String text, Mode mode, Function<String, Object> reader) {
    this.text = text;
    this.mode = mode;
    this.reader = reader;
  }

  /** Applies one {@code --set}/{@code --set-string}/{@code --set-json} argument to {@code dest}. */
  public static void parseInto(String expression, Map<String, Object> dest, Mode mode) {
    boolean strings = mode == Mode.STRING;
    new HelmSetParser(expression, mode, raw -> typedValue(raw, strings)).parse(dest);
  }

  /** Applies one {@code --set-file} argument: each value names a file, read by {@code files}. */
  public static void parseFileInto(
      String expression, Map<String, Object> dest, Function<String, String> files) {
    new HelmSetParser(expression, Mode.STRING, files::apply).parse(dest);
  }

  /** Helm's typedVal: only exact true/false/null/integers are typed; "0123" stays a string. */
  static Object typedValue(String value, boolean forceString) {
    if (forceString) {
      return value;
    }
    if (value.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (value.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    if (value.equalsIgnoreCase("null")) {
      return null;
    }
    if (value.equals("0")) {
      return 0L;
    }
    if (!value.isEmpty() && value.charAt(0) != '0') {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException notAnInteger) {
        return value;
      }
    }
    return value;
  }

  private void parse(Map<String, Object> dest) {
    while (!eof) {
      key(dest, 0);
    }
  }

  private void key(Map<String, Object> data, int level) {
    Token t = until(Set.of('=', '[', ',', '.'));
    String k = t.value;
    if (t.atEnd()) {
      if (!k.isEmpty()) {
        throw new SetSyntaxException("key \"" + k + "\" has no value");
      }
      eof = true;
      return;
    }
    switch (t.stop) {
      case '[' -> {
        int index = keyIndex();
        List<Object> list = ValuePaths.existingList(data, k);
        ValuePaths.set(data, k, listItem(list, index, level));
      }
      case '=' -> ValuePaths.set(data, k, value());
      case ',' ->
          throw new SetSyntaxException("key \"" + k + "\" has no value (cannot end with ,)");
      default -> { // '.'
        if (level + 1 > MAX_NESTED_NAME_LEVEL) {
          throw new SetSyntaxException(
              "value name nested level is greater than maximum supported nested level of "
                  + MAX_NESTED_NAME_LEVEL);
        }
        Map<String, Object> inner = ValuePaths.existingMap(data, k);
        key(inner, level + 1);
        if (!eof && inner.isEmpty()) {
          throw new SetSyntaxException("key map \"" + k + "\" has no value");
        }
        if (!inner.isEmpty()) {
          ValuePaths.set(data, k, inner);
        }
      }
    }
  }

  /** The value after '=': JSON, a {@code {a,b}} list, or a plain value up to the next ','. */
  private Object value() {
    if (mode == Mode.JSON) {
      return jsonValue();
    }
    if (pos >= text.length()) {
      eof = true;
      return "";
    }
    if (text.charAt(pos) == '{') {
      pos++;
      return valueList();
    }
    return reader.apply(until(Set.of(',')).value);
  }

  private List<Object> valueList() {
    List<Object> list = new ArrayList<>();
    while (true) {
      Token t = until(Set.of(',', '}'));
      if (t.atEnd()) {
        throw new SetSyntaxException("list must terminate with '}'");
      }
      list.add(reader.apply(t.value));
      if (t.stop == '}') {
        if (pos < text.length() && text.charAt(pos) == ',') {
          pos++;
        }
        return list;
      }
    }
  }

  private Object jsonValue() {
    if (emptyValue()) {
      return null;
    }
    Object value;
    // Read as the first item of an array: Jackson wants blanks after a top-level number, while
    // Helm's decoder stops right before the ',' that ends the value.
    try (JsonParser parser = JSON.createParser("[" + text.substring(pos))) {
      parser.nextToken();
      parser.nextToken();
      value = JSON.readValue(parser, Object.class);
      pos += (int) parser.currentLocation().getCharOffset() - 1;
    } catch (IOException e) {
      // The value itself is never echoed: it may be a secret.
      throw new SetSyntaxException("invalid JSON value at character " + (pos + 1));
    }
    emptyValue(); // like Helm: skips the blanks and the one ',' after a JSON value
    return value;
  }

  private int keyIndex() {
    Token t = until(Set.of(']'));
    if (t.atEnd()) {
      throw new SetSyntaxException("error parsing index: missing ']'");
    }
    try {
      return Integer.parseInt(t.value);
    } catch (NumberFormatException e) {
      throw new SetSyntaxException("error parsing index: \"" + t.value + "\" is not a number");
    }
  }

  private List<Object> listItem(List<Object> list, int index, int level) {
    if (index < 0) {
      throw new SetSyntaxException("negative " + index + " index not allowed");
    }
    Token t = until(Set.of('[', '.', '='));
    if (!t.value.isEmpty()) {
      throw new SetSyntaxException("unexpected data at end of array index: \"" + t.value + "\"");
    }
    if (t.atEnd()) {
      eof = true;
      return list;
    }
    switch (t.stop) {
      case '=' -> {
        return ValuePaths.setIndex(list, index, value());
      }
      case '[' -> {
        int next = keyIndex();
        Object existing = index < list.size() ? list.get(index) : null;
        List<Object> inner =
            existing == null ? new ArrayList<>() : ValuePaths.asList(existing, "[" + index + "]");
        return ValuePaths.setIndex(list, index, listItem(inner, next, level));
      }
      default -> { // '.'
        Object existing = index < list.size() ? list.get(index) : null;
        Map<String, Object> inner =
            existing instanceof Map<?, ?> map ? ValuePaths.mutableMap(map) : new LinkedHashMap<>();
        key(inner, level);
        return ValuePaths.setIndex(list, index, inner);
      }
    }
  }

  /** Skips blanks; true when the value is empty (end of input or a ',' which it consumes). */
  private boolean emptyValue() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ',') {
        pos++;
        return true;
      }
      if (!Character.isWhitespace(c)) {
        return false;
      }
      pos++;
    }
    eof = true;
    return true;
  }

  private Token until(Set<Character> stops) {
    StringBuilder value = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (stops.contains(c)) {
        return new Token(value.toString(), c);
      }
      if (c == '\\') {
        if (pos >= text.length()) {
          return Token.end(value.toString());
        }
        c = text.charAt(pos++);
      }
      value.append(c);
    }
    return Token.end(value.toString());
  }

  private record Token(String value, char stop, boolean atEnd) {
    Token(String value, char stop) {
      this(value, stop, false);
    }

    static Token end(String value) {
      return new Token(value, ' ', true);
    }
  }

  /** A {@code --set} argument Helm would reject; the message follows Helm's wording. */
  public static final class SetSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    SetSyntaxException(String message) {
      super(message);
    }
  }
}
