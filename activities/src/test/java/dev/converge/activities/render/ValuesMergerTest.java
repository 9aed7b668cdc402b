package dev.converge.activities.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.activities.render.RenderFixtures.Request;
import dev.converge.workflows.model.ConvergeRequest;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValuesMergerTest {
  @TempDir Path dir;
  private ValuesMerger merger;

  @BeforeEach
  void files() throws IOException {
    Files.writeString(
        dir.resolve("base.yaml"), "a: base\nb: base\nmap: {x: 1, y: 1}\nlist: [1, 2]\n");
    Files.writeString(dir.resolve("over.yaml"), "b: over\nmap: {y: 2}\nlist: [3]\n");
    Files.writeString(dir.resolve("note.txt"), "from file");
    merger = new ValuesMerger(dir);
  }

  @Test
  void envBecomesWerfServiceValuesThatUserValuesOverride() {
    ConvergeRequest base = Request.of("c").valuesFiles("base.yaml").build();
    ConvergeRequest withEnv =
        new ConvergeRequest(
            base.release(),
            base.namespace(),
            base.chart(),
            Map.of("global", Map.of("env", "mine")),
            base.valuesFiles(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            null,
            "production",
            0,
            false);

    Map<String, Object> values = merger.merge(withEnv);

    assertEquals(Map.of("env", "production"), values.get("werf"));
    assertEquals(
        Map.of("env", "mine"), values.get("global"), "inline values beat the service value");
    assertEquals("base", values.get("a"));
  }

  @Test
  void laterValuesFilesDeepMergeMapsAndReplaceLists() {
    Map<String, Object> values =
        merger.merge(Request.of("c").valuesFiles("base.yaml", "over.yaml").build());
    assertEquals(
        Map.of("a", "base", "b", "over", "map", Map.of("x", 1, "y", 2), "list", List.of(3)),
        values);
  }

  @Test
  void eachSourceWinsOverTheOnesBeforeItInSemanticsOrder() {
    Map<String, Object> values =
        merger.merge(
            Request.of("c")
                .valuesFiles("base.yaml")
                .values(Map.of("a", "inline", "b", "inline", "c", "inline", "d", "inline"))
                .setJson("b={\"json\":true},c=\"json\",d=\"json\",e=\"json\"")
                .set("c=set,d=set,e=set")
                .setString("d=42,e=string")
                .setFile("e=note.txt")
                .build());
    assertEquals("inline", values.get("a"));
    assertEquals(Map.of("json", true), values.get("b"));
    assertEquals("set", values.get("c"));
    assertEquals("42", values.get("d"));
    assertEquals("from file", values.get("e"));
  }

  @Test
  void setWritesIntoMapsFromValuesFilesKeepingSiblings() {
    Map<String, Object> values =
        merger.merge(Request.of("c").valuesFiles("base.yaml").set("map.z=3").build());
    assertEquals(Map.of("x", 1, "y", 1, "z", 3L), values.get("map"));
  }

  @Test
  void absolutePathsAreRefusedNamingTheField() {
    ApplicationFailure e =
        fails(Request.of("c").valuesFiles("base.yaml", dir.resolve("over.yaml").toString()));
    assertTrue(
        e.getOriginalMessage()
            .startsWith("valuesFiles[1] \"" + dir.resolve("over.yaml") + "\" is absolute"),
        e.getMessage());
  }

  @Test
  void dotDotEscapesAreRefused() {
    ApplicationFailure e = fails(Request.of("c").valuesFiles("sub/../../etc/shadow"));
    assertTrue(
        e.getOriginalMessage()
            .contains("valuesFiles[0] \"sub/../../etc/shadow\" leads outside the charts directory"),
        e.getMessage());
    ApplicationFailure set = fails(Request.of("c").setFile("stolen=../kubeconfig"));
    assertTrue(
        set.getOriginalMessage().contains("setFile[0] \"../kubeconfig\" leads outside"),
        set.getMessage());
  }

  @Test
  void symlinksLeadingOutAreRefusedAndLinksInsideAreFollowed(@TempDir Path outside)
      throws IOException {
    Files.writeString(outside.resolve("secret.txt"), "do not read");
    Files.createSymbolicLink(dir.resolve("out.yaml"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(dir.resolve("in.yaml"), dir.resolve("over.yaml"));

    ApplicationFailure e = fails(Request.of("c").setFile("x=out.yaml"));
    assertTrue(
        e.getOriginalMessage().contains("\"out.yaml\" is a symbolic link that leads outside"),
        e.getMessage());
    assertFalse(
        e.getOriginalMessage().contains(outside.toString()),
        "no worker path in: " + e.getMessage());
    assertEquals("over", merger.merge(Request.of("c").valuesFiles("in.yaml").build()).get("b"));
  }

  @Test
  void commentOnlyValuesFileHasNoValues() throws IOException {
    Files.writeString(dir.resolve("comments.yaml"), "# nothing here\n---\n# still nothing\n");
    assertEquals(Map.of(), merger.merge(Request.of("c").valuesFiles("comments.yaml").build()));
  }

  @Test
  void missingValuesFileFailsNamingThePath() {
    ApplicationFailure e = fails(Request.of("c").valuesFiles("nope.yaml"));
    assertTrue(e.getOriginalMessage().contains("values file nope.yaml not found"), e.getMessage());
    assertFalse(
        e.getOriginalMessage().contains(dir.toString()), "no worker path in: " + e.getMessage());
  }

  @Test
  void invalidYamlFailsNamingFileAndLine() throws IOException {
    Files.writeString(dir.resolve("bad.yaml"), "a: 1\nb: [unclosed\n");
    ApplicationFailure e = fails(Request.of("c").valuesFiles("bad.yaml"));
    assertTrue(e.getOriginalMessage().contains("bad.yaml"), e.getMessage());
    assertTrue(e.getOriginalMessage().contains("line"), e.getMessage());
  }

  @Test
  void badSetSyntaxFailsNamingTheArgument() {
    ApplicationFailure e = fails(Request.of("c").set("ok=1", "broken"));
    assertEquals("set[1] (key \"broken\"): key \"broken\" has no value", e.getOriginalMessage());
  }

  @Test
  void aBadValueIsNamedByPositionAndKeyNeverEchoed() {
    ApplicationFailure json = fails(Request.of("c").setJson("db={\"password\":\"s3cr3t-pw"));
    assertTrue(
        json.getOriginalMessage()
            .startsWith("setJson[0] (key \"db\"): invalid JSON value at character"),
        json.getOriginalMessage());
    assertFalse(json.getOriginalMessage().contains("s3cr3t-pw"), json.getOriginalMessage());
    ApplicationFailure list = fails(Request.of("c").set("token=s3cr3t-pw,broken"));
    assertFalse(list.getOriginalMessage().contains("s3cr3t-pw"), list.getOriginalMessage());
  }

  @Test
  void missingSetFileFailsNamingKeyAndPath() {
    ApplicationFailure e = fails(Request.of("c").setFile("cert=missing.pem"));
    assertTrue(
        e.getOriginalMessage().startsWith("setFile[0] \"cert=missing.pem\""), e.getMessage());
    assertTrue(e.getOriginalMessage().contains("missing.pem not found"), e.getMessage());
  }

  private ApplicationFailure fails(Request request) {
    ApplicationFailure e =
        assertThrows(ApplicationFailure.class, () -> merger.merge(request.build()));
    assertEquals("RenderFailed", e.getType());
    assertTrue(e.isNonRetryable());
    return e;
  }
}
