package dev.converge.workflows.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.values.HelmSetParser.Mode;
import dev.converge.workflows.values.HelmSetParser.SetSyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelmSetParserTest {

  private static Map<String, Object> set(String expression) {
    return parse(expression, Mode.TYPED);
  }

  private static Map<String, Object> parse(String expression, Mode mode) {
    Map<String, Object> values = new LinkedHashMap<>();
    HelmSetParser.parseInto(expression, values, mode);
    return values;
  }

  @Test
  void dottedKeysBuildNestedMapsAndCommasSeparateAssignments() {
    assertEquals(Map.of("a", Map.of("b", "c"), "d", "e"), set("a.b=c,d=e"));
  }

  @Test
  void typesTrueFalseNullAndIntegersLikeHelm() {
    Map<String, Object> values = set("t=true,f=FALSE,n=null,i=42,neg=-3,zero=0,lead=0123,f2=1.5");
    assertEquals(true, values.get("t"));
    assertEquals(false, values.get("f"));
    assertTrue(values.containsKey("n") && values.get("n") == null);
    assertEquals(42L, values.get("i"));
    assertEquals(-3L, values.get("neg"));
    assertEquals(0L, values.get("zero"));
    assertEquals("0123", values.get("lead"), "a leading zero keeps the string");
    assertEquals("1.5", values.get("f2"), "only integers are typed");
  }

  @Test
  void setStringKeepsEveryValueAString() {
    assertEquals(Map.of("a", "true", "b", "42"), parse("a=true,b=42", Mode.STRING));
  }

  @Test
  void emptyValueIsTheEmptyString() {
    assertEquals(Map.of("a", ""), set("a="));
  }

  @Test
  void bracesMakeAListLiteral() {
    assertEquals(Map.of("l", List.of("a", 1L, true), "x", "y"), set("l={a,1,true},x=y"));
  }

  @Test
  void indexesSetListItemsAndPadWithNull() {
    assertEquals(Map.of("l", Arrays.asList(null, null, "x")), set("l[2]=x"));
    assertEquals(
        Map.of("l", List.of(Map.of("name", "a", "port", 80L))), set("l[0].name=a,l[0].port=80"));
    assertEquals(Map.of("m", List.of(List.of("deep"))), set("m[0][0]=deep"));
  }

  @Test
  void backslashEscapesCommasDotsAndEquals() {
    assertEquals(Map.of("a", "x,y"), set("a=x\\,y"));
    assertEquals(
        Map.of("annotations", Map.of("kubernetes.io/role", "web")),
        set("annotations.kubernetes\\.io/role=web"));
    assertEquals(Map.of("a", List.of("p,q", "r")), set("a={p\\,q,r}"));
  }

  @Test
  void setsIntoExistingValuesInPlaceKeepingSiblings() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("a", new LinkedHashMap<>(Map.of("keep", 1, "b", 2)));
    values.put("l", new ArrayList<>(List.of("x", "y")));
    HelmSetParser.parseInto("a.b=3,l[1]=z", values, Mode.TYPED);
    assertEquals(Map.of("keep", 1, "b", 3L), values.get("a"));
    assertEquals(List.of("x", "z"), values.get("l"));
  }

  @Test
  void jsonValuesAreDecodedAndMayBeFollowedByMoreAssignments() {
    Map<String, Object> values = parse("a={\"x\":[1,2]},b=\"s\",c=7,d=", Mode.JSON);
    assertEquals(Map.of("x", List.of(1, 2)), values.get("a"));
    assertEquals("s", values.get("b"));
    assertEquals(7, values.get("c"));
    assertTrue(values.containsKey("d") && values.get("d") == null, "empty JSON value is null");
  }

  @Test
  void setFileValueIsTheFileContent() {
    Map<String, Object> values = new LinkedHashMap<>();
    HelmSetParser.parseFileInto("cfg.text=conf/app.conf", values, path -> "content of " + path);
    assertEquals(Map.of("cfg", Map.of("text", "content of conf/app.conf")), values);
  }

  @Test
  void rejectsWhatHelmRejectsWithHelmsWording() {
    assertMessage("key \"a\" has no value", "a");
    assertMessage("key \"a\" has no value (cannot end with ,)", "a,b=c");
    assertMessage("list must terminate with '}'", "a={x,y");
    assertMessage("negative -1 index not allowed", "l[-1]=x");
    assertMessage("error parsing index: \"x\" is not a number", "l[x]=1");
    assertMessage("unexpected data at end of array index: \"b\"", "l[0]b=1");
    assertMessage("key map \"a\" has no value", "a.=1");
  }

  @Test
  void pathThroughAScalarIsAnErrorNamingTheKey() {
    Map<String, Object> values = new LinkedHashMap<>(Map.of("image", "web:1"));
    SetSyntaxException e =
        assertThrows(
            SetSyntaxException.class,
            () -> HelmSetParser.parseInto("image.tag=2", values, Mode.TYPED));
    assertTrue(e.getMessage().contains("\"image\""), e.getMessage());
  }

  private static void assertMessage(String expected, String expression) {
    SetSyntaxException e = assertThrows(SetSyntaxException.class, () -> set(expression));
    assertEquals(expected, e.getMessage());
  }
}
