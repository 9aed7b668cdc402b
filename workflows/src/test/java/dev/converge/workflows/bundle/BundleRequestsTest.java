package dev.converge.workflows.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.model.InvalidRequestException;
import dev.converge.workflows.model.OciReference;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BundleRequestsTest {

  @Test
  void publishTakesTheValueFieldsOfAConvergeAndATarget() {
    BundlePublishRequest request =
        BundleRequests.publish(
            Map.of(
                "chart",
                "examples/shop",
                "env",
                "production",
                "valuesFiles",
                List.of("examples/shop/values-prod.yaml"),
                "set",
                List.of("web.replicas=3"),
                "repository",
                "oci://127.0.0.1:5001/bundles/shop",
                "tag",
                "1.2.0"));
    assertEquals("production", request.env());
    assertEquals(List.of("web.replicas=3"), request.set());
    assertEquals("bundle/127.0.0.1:5001/bundles/shop:1.2.0", request.workflowId());
  }

  @Test
  void publishNamesEveryBadField() {
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () ->
                BundleRequests.publish(
                    Map.of(
                        "chart",
                        "oci://registry/x",
                        "repository",
                        "https://registry/x",
                        "tag",
                        "bad tag",
                        "valus",
                        Map.of())));
    List<String> fields = e.problems().stream().map(p -> p.field()).toList();
    assertEquals(
        List.of("valus", "chart", "repository", "tag"),
        fields.stream()
            .sorted(
                (a, b) ->
                    List.of("valus", "chart", "repository", "tag").indexOf(a)
                        - List.of("valus", "chart", "repository", "tag").indexOf(b))
            .toList());
    assertTrue(e.getMessage().contains("names no tag or digest"), e.getMessage());
  }

  @Test
  void aSemanticVersionTagSetsTheChartVersion() {
    assertEquals(Optional.of("1.2.3"), BundleRequests.chartVersion("1.2.3"));
    assertEquals(
        Optional.of("v2.0.0-rc.1+build.7"), BundleRequests.chartVersion("v2.0.0-rc.1_build.7"));
    assertEquals(Optional.empty(), BundleRequests.chartVersion("latest"));
    assertEquals(Optional.empty(), BundleRequests.chartVersion("1.2"));
  }

  @Test
  void copyTargetsKeepTheSourceTagUnlessTheyNameOne() {
    BundleCopyRequest keep =
        BundleRequests.copy(
            Map.of(
                "from",
                "oci://a.example/bundles/shop:1.0.0",
                "to",
                "oci://b.example/acceptance/shop"));
    assertEquals(
        "oci://b.example/acceptance/shop:1.0.0", BundleRequests.copyTarget(keep).toString());
    assertEquals("bundle/b.example/acceptance/shop:1.0.0", keep.workflowId());
    BundleCopyRequest renamed =
        BundleRequests.copy(
            Map.of("from", "archive:dist/shop.tar.gz", "to", "oci://b.example/shop:2.0.0"));
    assertEquals("bundle/b.example/shop:2.0.0", renamed.workflowId());
    assertEquals(
        "bundle/archive:dist/shop.tar.gz",
        BundleRequests.copy(
                Map.of(
                    "from",
                    "oci://a.example/shop@sha256:" + "a".repeat(64),
                    "to",
                    "archive:dist/shop.tar.gz"))
            .workflowId());
  }

  @Test
  void copyRefusesWhatCannotWork() {
    assertProblem(
        Map.of("from", "archive:a.tar.gz", "to", "archive:b.tar.gz"),
        "to",
        "one end must be a registry");
    assertProblem(
        Map.of("from", "archive:a.tar.gz", "to", "oci://b.example/shop"), "to", "name the tag");
    assertProblem(
        Map.of(
            "from",
            "oci://a.example/shop:1",
            "to",
            "oci://b.example/shop@sha256:" + "a".repeat(64)),
        "to",
        "not a digest");
    assertProblem(
        Map.of("from", "/etc/passwd", "to", "oci://b.example/shop:1"), "from", "must be oci://");
    assertProblem(
        Map.of("from", "oci://a.example/shop:1", "to", "oci://a.example/shop:1"),
        "to",
        "same as from");
  }

  @Test
  void ociReferencesParseHostRepositoryTagAndDigest() {
    OciReference ref =
        OciReference.parse("oci://127.0.0.1:5000/team/shop:1.0.0@sha256:" + "b".repeat(64));
    assertEquals("127.0.0.1:5000", ref.host());
    assertEquals("team/shop", ref.repository());
    assertEquals("1.0.0", ref.tag());
    assertEquals("sha256:" + "b".repeat(64), ref.digest());
    assertTrue(
        OciReference.problem("oci://host/Upper:1").isPresent(), "repositories are lowercase");
    assertTrue(
        OciReference.problem("oci://host/shop").isPresent(), "a chart needs a tag or digest");
  }

  private static void assertProblem(Map<String, Object> raw, String field, String text) {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> BundleRequests.copy(raw));
    assertTrue(
        e.problems().stream().anyMatch(p -> p.field().equals(field) && p.message().contains(text)),
        e.problems().toString());
  }
}
