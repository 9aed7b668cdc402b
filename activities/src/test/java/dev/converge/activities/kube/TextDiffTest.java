package dev.converge.activities.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextDiffTest {

  @Test
  void changedLinesWithTwoLinesOfContextAndTheRestLeftOut() {
    String before = "a\nb\nc\nd\ne\nf\ng\nh\n";
    String after = "a\nb\nc\nd\nE\nf\ng\nh\n";
    assertEquals("  ...\n  c\n  d\n- e\n+ E\n  f\n  g\n  ...\n", TextDiff.unified(before, after));
  }

  @Test
  void aNewObjectIsAllAdditionsAndAGoneOneAllRemovals() {
    assertEquals(
        "+ kind: ConfigMap\n+ data: {}\n", TextDiff.unified("", "kind: ConfigMap\ndata: {}\n"));
    assertEquals("- kind: ConfigMap\n", TextDiff.unified("kind: ConfigMap\n", ""));
    assertEquals("", TextDiff.unified("same\n", "same\n"));
  }
}
