package dev.converge.activities.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Cuts Helm's manifest text back into its documents, each with its {@code # Source:} path. */
final class ManifestSplitter {
  // Helm splits each template on lines starting with "---" and trims each part, so inside a
  // document no line starts with "---": every such line is a separator.
  private static final Pattern SEPARATOR = Pattern.compile("(?m)^---[^\\n]*(\\n|$)");
  private static final String SOURCE = "# Source: ";

  private ManifestSplitter() {}

  /** One document: {@code content} is exactly the text Helm stores, without the source line. */
  record Doc(String source, String content) {}

  static List<Doc> split(String manifest) {
    List<Doc> docs = new ArrayList<>();
    for (String part : SEPARATOR.split(manifest)) {
      String doc = part.strip();
      if (doc.isEmpty()) {
        continue;
      }
      if (!doc.startsWith(SOURCE)) {
        throw new IllegalStateException("helm output has a document without a Source line: " + doc);
      }
      int eol = doc.indexOf('\n');
      String source = (eol < 0 ? doc : doc.substring(0, eol)).substring(SOURCE.length()).strip();
      docs.add(new Doc(source, eol < 0 ? "" : doc.substring(eol + 1)));
    }
    return docs;
  }

  /** Helm's stored manifest form of documents: each as {@code ---}, source line, content. */
  static String join(List<Doc> docs) {
    StringBuilder out = new StringBuilder();
    for (Doc doc : docs) {
      out.append("---\n").append(SOURCE).append(doc.source()).append('\n');
      out.append(doc.content()).append('\n');
    }
    return out.toString();
  }

  /** Templates whose name starts with "_" and NOTES.txt render no resources. */
  static boolean isResourceSource(String source) {
    String name = source.substring(source.lastIndexOf('/') + 1);
    return !name.startsWith("_") && !name.equals("NOTES.txt");
  }
}
