package dev.converge.activities.release;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.workflows.contract.RevisionStatus;
import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ReleaseCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void decodesRecordEncodedByHelm() {
    String helmText = ReleaseFixtures.helmEncode(ReleaseFixtures.helmJson());

    HelmRelease release = HelmReleaseCodec.decode(helmText);

    assertEquals("shop", release.name());
    assertEquals("shop", release.namespace());
    assertEquals(1, release.version());
    assertEquals("deployed", release.status());
    assertEquals("Install complete", release.info().description());
    assertEquals("Visit http://shop.local & enjoy\n", release.info().notes());
    assertEquals(
        Instant.parse("2025-03-01T09:00:00.123456789Z"),
        GoTime.parse(release.info().firstDeployed()));
    assertNull(GoTime.parse(release.info().deleted()));
    assertEquals(Map.of("image", Map.of("tag", "2.0.0"), "replicas", 2), release.config());
    assertTrue(release.manifest().contains("# Source: shop/templates/role.yaml"));
    HelmRelease.Hook hook = release.hooks().get(0);
    assertEquals("migrate", hook.name());
    assertEquals("Job", hook.kind());
    assertEquals("shop/templates/migrate.yaml", hook.path());
    assertEquals(List.of("pre-install", "pre-upgrade"), hook.events());
    assertEquals(-5, hook.weight());
    assertEquals(List.of("before-hook-creation"), hook.deletePolicies());
    assertEquals("Succeeded", hook.lastRun().phase());
    assertTrue(hook.manifest().contains("migrate && echo <done>"));
  }

  @Test
  void reencodesHelmRecordByteForByte() {
    byte[] helm = ReleaseFixtures.helmJson();

    byte[] ours = HelmReleaseCodec.toJson(HelmReleaseCodec.fromJson(helm));

    // Same field order, omissions, "" zero times, \u0026-style escapes, and chart templates,
    // values and files carried through untouched.
    assertEquals(
        new String(helm, StandardCharsets.UTF_8), new String(ours, StandardCharsets.UTF_8));
  }

  @Test
  void statusChangeKeepsChartAndFieldsWeDoNotModel() throws Exception {
    String json =
        new String(ReleaseFixtures.helmJson(), StandardCharsets.UTF_8)
            .replace("\"version\":1,", "\"version\":1,\"future_field\":{\"a\":1},")
            .replace("\"notes\":", "\"resources\":\"x\",\"notes\":");

    HelmRelease superseded =
        HelmReleaseCodec.fromJson(json.getBytes(StandardCharsets.UTF_8))
            .withStatus(RevisionStatus.SUPERSEDED.helmName(), "Install complete");
    JsonNode written = JSON.readTree(HelmReleaseCodec.toJson(superseded));

    assertEquals("superseded", written.at("/info/status").asText());
    assertEquals("x", written.at("/info/resources").asText());
    assertEquals(1, written.at("/future_field/a").asInt());
    assertEquals("templates/web.yaml", written.at("/chart/templates/0/name").asText());
    assertEquals(
        "YXBpVmVyc2lvbjogYXBwcy92MQpraW5kOiBEZXBsb3ltZW50Cg==",
        written.at("/chart/templates/0/data").asText());
    assertEquals("latest", written.at("/chart/values/image/tag").asText());
  }

  @Test
  void encodesAsBase64OfGzippedJson() throws Exception {
    HelmRelease release =
        ReleaseFixtures.release("ns", "shop", 3, RevisionStatus.DEPLOYED.helmName());

    byte[] gzip = Base64.getDecoder().decode(HelmReleaseCodec.encode(release));

    assertEquals(0x1f, gzip[0] & 0xff);
    assertEquals(0x8b, gzip[1] & 0xff);
    byte[] json = new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes();
    assertEquals(3, JSON.readTree(json).path("version").asInt());
    assertEquals(release, HelmReleaseCodec.decode(HelmReleaseCodec.encode(release)));
  }

  @Test
  void roundTripKeepsEveryField() {
    HelmRelease release = HelmReleaseCodec.fromJson(ReleaseFixtures.helmJson());

    assertEquals(release, HelmReleaseCodec.decode(HelmReleaseCodec.encode(release)));
  }

  @Test
  void decodesUncompressedRecordsFromBeforeHelmGzipped() {
    String legacy = Base64.getEncoder().encodeToString(ReleaseFixtures.helmJson());

    assertEquals("shop", HelmReleaseCodec.decode(legacy).name());
  }

  @Test
  void ignoresUnknownFieldsAndAcceptsMinimalRecords() {
    HelmRelease release =
        HelmReleaseCodec.fromJson(
            "{\"name\":\"a\",\"info\":{\"status\":\"failed\",\"x\":[1]},\"version\":2,\"y\":true}"
                .getBytes(StandardCharsets.UTF_8));

    assertEquals("failed", release.status());
    assertEquals("", release.manifest());
    assertEquals(Map.of(), release.config());
    assertEquals(List.of(), release.hooks());
  }

  @Test
  void writesEmptyFieldsTheWayGoDoes() throws Exception {
    HelmRelease release =
        new HelmRelease(
            "a",
            new HelmRelease.Info(null, null, null, null, "deployed", null, null),
            null,
            Map.of(),
            "",
            List.of(),
            1,
            "ns",
            null);

    JsonNode json = JSON.readTree(HelmReleaseCodec.toJson(release));

    assertEquals("", json.at("/info/deleted").asText());
    assertEquals("", json.at("/info/first_deployed").asText());
    assertFalse(json.has("config"));
    assertFalse(json.has("hooks"));
    assertFalse(json.has("manifest"));
    assertFalse(json.has("chart"));
    assertFalse(json.at("/info").has("description"));
  }

  @Test
  void formatsTimesLikeGoRfc3339Nano() {
    assertEquals(
        "2025-03-01T09:00:00.12Z", GoTime.format(Instant.parse("2025-03-01T09:00:00.120Z")));
    assertEquals("2025-03-01T09:00:00Z", GoTime.format(Instant.parse("2025-03-01T09:00:00Z")));
    assertEquals(
        "2025-03-01T09:00:00.000000001Z",
        GoTime.format(Instant.parse("2025-03-01T09:00:00.000000001Z")));
    assertEquals("", GoTime.format(null));
    assertNull(GoTime.parse("0001-01-01T00:00:00Z"));
  }

  @Test
  void escapesHtmlCharactersLikeGo() {
    HelmRelease release =
        new HelmRelease("a", null, null, Map.of(), "a && b <c> \u2028", List.of(), 1, "ns", null);

    String json = new String(HelmReleaseCodec.toJson(release), StandardCharsets.UTF_8);

    assertTrue(json.contains("a \\u0026\\u0026 b \\u003cc\\u003e \\u2028"), json);
  }

  @Test
  void refusesRecordsOverTheSecretLimitWithoutRetry() {
    String encoded = "A".repeat(HelmReleaseCodec.SECRET_DATA_LIMIT);

    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class,
            () -> HelmReleaseCodec.checkSize("sh.helm.release.v1.big.v1", encoded));

    assertEquals("ReleaseTooLarge", failure.getType());
    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("1048583 bytes"), failure.getMessage());
    assertTrue(failure.getOriginalMessage().contains("1048576 bytes"), failure.getMessage());
  }

  @Test
  void acceptsRecordsExactlyAtTheLimit() {
    // "release" (7 bytes) + value = exactly 1 MiB, which Kubernetes still accepts.
    assertDoesNotThrow(
        () -> HelmReleaseCodec.checkSize("k", "A".repeat(HelmReleaseCodec.SECRET_DATA_LIMIT - 7)));
  }
}
