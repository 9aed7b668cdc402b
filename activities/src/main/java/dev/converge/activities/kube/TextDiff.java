package dev.converge.activities.kube;

import java.util.ArrayList;
import java.util.List;

/**
 * Line diff of two texts (longest common subsequence), printed like {@code diff -U2}: changed lines
 * with "-"/"+", two lines of context, "..." where unchanged lines are left out.
 */
final class TextDiff {
  private static final int CONTEXT = 2;

  /** Objects are small; beyond this many lines a side is compared by lines only up to here. */
  private static final int MAX_LINES = 2000;

  private TextDiff() {}

  static String unified(String before, String after) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        out.add("  " + a.get(i));
        i++;
        j++;
      } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.add("- " + a.get(i++));
      } else {
        out.add("+ " + b.get(j++));
      }
    }
    return withContext(out);
  }

  private static String withContext(List<String> lines) {
    StringBuilder text = new StringBuilder();
    boolean skipped = false;
    for (int k = 0; k < lines.size(); k++) {
      if (near(lines, k)) {
        if (skipped) {
          text.append("  ...\n");
          skipped = false;
        }
        text.append(lines.get(k)).append('\n');
      } else {
        skipped = true;
      }
    }
    if (skipped && text.length() > 0) {
      text.append("  ...\n");
    }
    return text.toString();
  }

  private static boolean near(List<String> lines, int k) {
    for (int d = Math.max(0, k - CONTEXT); d <= Math.min(lines.size() - 1, k + CONTEXT); d++) {
      if (!lines.get(d).startsWith("  ")) {
        return true;
      }
    }
    return false;
  }

  private static List<String> lines(String text) {
    List<String> lines = text == null || text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines = lines.subList(0, lines.size() - 1);
    }
    return lines.size() > MAX_LINES ? lines.subList(0, MAX_LINES) : lines;
  }
}
