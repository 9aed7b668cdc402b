package dev.converge.activities.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.marcnuri.helm.Helm;
import dev.converge.activities.manifest.InMemoryManifestStore;
import dev.converge.activities.render.RenderFixtures.Request;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Helm's own {@code --set} as the oracle for {@link HelmSetParser}: the values a chart sees must be
 * the same whether Helm parses the expression or we parse it into our merged values file.
 */
class RenderSetOracleTest {
  @TempDir static Path dir;

  private static final String VALUES_YAML =
      "image:\n  repository: web\n  tag: \"1.0\"\nlist: [a, b]\nflag: false\n";
  private static final String TEMPLATE =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: values\ndata:\n"
          + "  values: {{ .Values | toJson | quote }}\n";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "image.tag=2.0",
        "a.b=c,d=e",
        "replicas=3,enabled=true,off=FALSE,nothing=null,zero=0,leading=0123,neg=-7",
        "list[1]=z",
        "list[3]=padded",
        "servers[0].name=one,servers[0].port=80,servers[1].name=two",
        "nested[0][1]=deep",
        "tags={a,b,3},after=x",
        "text=x\\,y,dotted\\.key=v",
        "annotations.kubernetes\\.io/role=web",
        "empty=",
        "image=plain"
      })
  void setRendersLikeHelmsOwnSet(String expression) {
    Path chart =
        RenderFixtures.chart(
            dir, "oracle", "values.yaml", VALUES_YAML, "templates/values.yaml", TEMPLATE);
    // helm-java escapes the value it is given but not the key, so the whole expression but the
    // last value goes in the key and reaches Helm's parser untouched.
    int eq = expression.lastIndexOf('=');
    String helm =
        new Helm(chart)
            .template()
            .withName("shop")
            .withNamespace("prod")
            .set(expression.substring(0, eq), expression.substring(eq + 1))
            .call();
    InMemoryManifestStore store = new InMemoryManifestStore();
    String ours =
        store
            .get(
                new RenderActivitiesImpl(store, dir)
                    .render(Request.of("oracle").set(expression).build())
                    .bundleDigest())
            .manifest();
    assertEquals(helm, ours);
    String unset = new Helm(chart).template().withName("shop").withNamespace("prod").call();
    assertNotEquals(unset, helm, "the expression must change what the chart sees");
  }
}
