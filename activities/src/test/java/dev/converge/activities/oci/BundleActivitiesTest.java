package dev.converge.activities.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.converge.activities.publish.BundleActivitiesImpl;
import dev.converge.registry.Digests;
import dev.converge.registry.HelmArtifacts;
import dev.converge.registry.Registries;
import dev.converge.registry.RegistryFailures;
import dev.converge.registry.RegistrySettings;
import dev.converge.workflows.bundle.BundleCopied;
import dev.converge.workflows.bundle.BundleCopyRequest;
import dev.converge.workflows.bundle.BundlePublishRequest;
import dev.converge.workflows.bundle.BundlePublished;
import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RenderedRelease publish, resolve, pull and copy through oras-java against an in-process registry.
 */
class BundleActivitiesTest {
  private static final Path REPO_ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path work;
  private FakeRegistry registry;
  private FakeRegistry locked;
  private Registries registries;

  @BeforeEach
  void start() throws IOException {
    registry = new FakeRegistry(null);
    locked = new FakeRegistry("ci:s3cret");
    registries = registries(Map.of(locked.host(), new RegistrySettings.Host(true, "ci", "s3cret")));
  }

  @AfterEach
  void stop() {
    registry.close();
    locked.close();
    registries.close();
  }

  private Registries registries(Map<String, RegistrySettings.Host> extra) {
    Map<String, RegistrySettings.Host> hosts = new HashMap<>(extra);
    hosts.putIfAbsent(registry.host(), new RegistrySettings.Host(true, null, null));
    return new Registries(new RegistrySettings(null, hosts));
  }

  private BundleActivitiesImpl bundles() {
    return new BundleActivitiesImpl(registries, REPO_ROOT, work);
  }

  private BundlePublishRequest publishShop(
      String host, String tag, Map<String, Object> values, List<String> set) {
    return new BundlePublishRequest(
        "examples/shop",
        values,
        List.of("examples/shop/values-prod.yaml"),
        List.of(),
        set,
        List.of(),
        List.of(),
        "production",
        "oci://" + host + "/bundles/shop",
        tag);
  }

  @Test
  void publishBakesTheMergedValuesInWithHelmMediaTypesAndTheTagAsVersion() throws IOException {
    BundlePublished published =
        bundles()
            .publish(
                publishShop(
                    registry.host(),
                    "1.4.0",
                    Map.of("greeting", "inline", "web", Map.of("replicas", 3)),
                    List.of("web.replicas=5")));

    assertEquals("oci://" + registry.host() + "/bundles/shop", published.repository());
    assertEquals("1.4.0", published.chartVersion());
    assertFalse(published.alreadyPublished());
    assertNull(published.note());
    JsonNode manifest = JSON.readTree(registry.blobs.get(published.digest()));
    assertEquals(HelmArtifacts.CONFIG, manifest.at("/config/mediaType").asText());
    assertEquals(1, manifest.get("layers").size());
    assertEquals(HelmArtifacts.CHART, manifest.at("/layers/0/mediaType").asText());
    assertEquals(published.digest(), registry.tags.get("bundles/shop:1.4.0"));
    byte[] chart = registry.blobs.get(manifest.at("/layers/0/digest").asText());
    assertEquals(published.size(), chart.length);
    assertEquals(
        "1.4.0",
        JSON.readTree(registry.blobs.get(manifest.at("/config/digest").asText()))
            .get("version")
            .asText());

    Map<String, String> files = untar(chart);
    JsonNode values = new YAMLMapper().readTree(files.get("shop/values.yaml"));
    // chart defaults < values file < inline values < set; werf's service values from env
    assertEquals("registry.local/shop/migrate:1.0", values.at("/migrate/image").asText());
    assertEquals("registry.local/shop/web:1.1", values.at("/web/image").asText());
    assertEquals("inline", values.get("greeting").asText());
    assertEquals(5, values.at("/web/replicas").asInt());
    assertEquals("256mb", values.at("/redis/maxMemory").asText());
    assertEquals("production", values.at("/werf/env").asText());
    assertEquals("production", values.at("/global/env").asText());
    assertTrue(
        files.get("shop/Chart.yaml").contains("version: 1.4.0"), files.get("shop/Chart.yaml"));
    assertTrue(files.containsKey("shop/charts/redis/Chart.yaml"), files.keySet().toString());
    assertTrue(files.containsKey("shop/crds/coupons.yaml"), files.keySet().toString());
  }

  @Test
  void aStrictSchemaChartIsBakedWithoutTheServiceValuesItForbids() throws IOException {
    BundlePublished published =
        bundles()
            .publish(
                new BundlePublishRequest(
                    "examples/strict-schema",
                    Map.of("message", "hi"),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    "production",
                    "oci://" + registry.host() + "/bundles/strict",
                    "1.0.0"));
    JsonNode manifest = JSON.readTree(registry.blobs.get(published.digest()));
    Map<String, String> files = untar(registry.blobs.get(manifest.at("/layers/0/digest").asText()));
    JsonNode values = new YAMLMapper().readTree(files.get("strict-schema/values.yaml"));
    assertEquals("hi", values.get("message").asText());
    assertFalse(values.has("werf"), values.toString());
    assertFalse(values.at("/global").has("env"), values.toString());
  }

  @Test
  void republishingTheSameContentIsANoOpAndOtherContentIsRefused() {
    BundlePublished first =
        bundles().publish(publishShop(registry.host(), "2.0.0", Map.of(), List.of()));
    int writes = registry.writes.get();

    BundlePublished retry =
        bundles().publish(publishShop(registry.host(), "2.0.0", Map.of(), List.of()));
    assertTrue(retry.alreadyPublished());
    assertEquals(first.digest(), retry.digest());
    assertEquals(writes, registry.writes.get(), "a retry writes nothing");

    ApplicationFailure refused =
        assertThrows(
            ApplicationFailure.class,
            () ->
                bundles()
                    .publish(
                        publishShop(
                            registry.host(), "2.0.0", Map.of("greeting", "other"), List.of())));
    assertTrue(refused.isNonRetryable());
    assertEquals(RegistryFailures.TAG_EXISTS, refused.getType());
    assertTrue(
        refused.getOriginalMessage().contains("bundles/shop:2.0.0"), refused.getOriginalMessage());
    assertTrue(refused.getOriginalMessage().contains(first.digest()), refused.getOriginalMessage());
    assertEquals(
        first.digest(),
        registry.tags.get("bundles/shop:2.0.0"),
        "the tag still names the first bundle");
    assertEquals(writes, registry.writes.get());
  }

  @Test
  void aTagThatIsNoSemanticVersionKeepsTheChartVersionAndSaysWhy() {
    BundlePublished published =
        bundles().publish(publishShop(registry.host(), "main-3f2a", Map.of(), List.of()));
    assertEquals("0.1.0", published.chartVersion());
    assertTrue(published.note().contains("semantic version"), published.note());
  }

  @Test
  void credentialsComeFromTheRegistrySettingsAndWrongOnesFailBeforeAnyWrite() {
    BundlePublished ok =
        bundles().publish(publishShop(locked.host(), "1.0.0", Map.of(), List.of()));
    assertFalse(ok.alreadyPublished());

    registries.close();
    registries = registries(Map.of(locked.host(), new RegistrySettings.Host(true, "ci", "wrong")));
    int writes = locked.writes.get();
    ApplicationFailure refused =
        assertThrows(
            ApplicationFailure.class,
            () -> bundles().publish(publishShop(locked.host(), "1.0.1", Map.of(), List.of())));
    assertEquals(RegistryFailures.REFUSED, refused.getType());
    assertTrue(refused.isNonRetryable());
    assertTrue(
        refused.getOriginalMessage().contains("credentials for " + locked.host()),
        refused.getOriginalMessage());
    assertEquals(writes, locked.writes.get());

    ApplicationFailure pull =
        assertThrows(
            ApplicationFailure.class,
            () ->
                new OciCharts(registries)
                    .resolve("oci://" + locked.host() + "/bundles/shop:1.0.0"));
    assertEquals(RegistryFailures.REFUSED, pull.getType());
  }

  @Test
  void credentialsComeFromADockerConfigFile() throws IOException {
    Path config = work.resolve("config.json");
    String auth = Base64.getEncoder().encodeToString("ci:s3cret".getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        config, "{\"auths\":{\"" + locked.host() + "\":{\"auth\":\"" + auth + "\"}}}");
    registries.close();
    registries =
        new Registries(
            new RegistrySettings(
                config, Map.of(locked.host(), new RegistrySettings.Host(true, null, null))));
    BundlePublished published =
        bundles().publish(publishShop(locked.host(), "1.0.0", Map.of(), List.of()));
    assertEquals(
        published.digest(),
        new OciCharts(registries)
            .resolve("oci://" + locked.host() + "/bundles/shop:1.0.0")
            .digest());
  }

  @Test
  void aTagResolvesToItsDigestAndThePullReturnsExactlyThatChart() throws IOException {
    BundlePublished v1 =
        bundles().publish(publishShop(registry.host(), "1.0.0", Map.of(), List.of()));
    OciCharts charts = new OciCharts(registries);
    var pinned = charts.resolve("oci://" + registry.host() + "/bundles/shop:1.0.0");
    assertEquals(v1.digest(), pinned.digest());
    assertEquals("oci://" + registry.host() + "/bundles/shop:1.0.0@" + v1.digest(), pinned.chart());

    // The tag moves (someone else pushed over it): the pinned reference still pulls the first
    // bytes.
    Path first = work.resolve("first.tgz");
    Path again = work.resolve("again.tgz");
    charts.pull(pinned.chart(), first);
    registry.tags.put("bundles/shop:1.0.0", "sha256:" + "0".repeat(64));
    charts.pull(pinned.chart(), again);
    assertEquals(
        Digests.sha256(Files.readAllBytes(first)), Digests.sha256(Files.readAllBytes(again)));

    ApplicationFailure missing =
        assertThrows(
            ApplicationFailure.class,
            () -> charts.resolve("oci://" + registry.host() + "/bundles/shop:9.9.9"));
    assertEquals(RegistryFailures.NOT_FOUND, missing.getType());
  }

  @Test
  void copyKeepsTheDigestBetweenRepositoriesAndThroughAnArchive() throws IOException {
    BundlePublished published =
        bundles().publish(publishShop(registry.host(), "3.0.0", Map.of(), List.of()));
    String from = "oci://" + registry.host() + "/bundles/shop:3.0.0";

    BundleCopied copied =
        bundles().copy(new BundleCopyRequest(from, "oci://" + locked.host() + "/acceptance/shop"));
    assertEquals(published.digest(), copied.digest());
    assertEquals("oci://" + locked.host() + "/acceptance/shop:3.0.0", copied.to());
    assertEquals(published.digest(), locked.tags.get("acceptance/shop:3.0.0"));
    assertTrue(
        bundles()
            .copy(new BundleCopyRequest(from, "oci://" + locked.host() + "/acceptance/shop"))
            .alreadyPresent());

    Path archives = Files.createDirectories(REPO_ROOT.resolve("activities/target/bundle-archives"));
    Path archive = archives.resolve("shop-" + System.nanoTime() + ".tar.gz");
    String archiveRef = "archive:" + REPO_ROOT.relativize(archive);
    assertEquals(
        published.digest(), bundles().copy(new BundleCopyRequest(from, archiveRef)).digest());
    assertTrue(Files.size(archive) > 0);
    BundleCopied back =
        bundles()
            .copy(
                new BundleCopyRequest(
                    archiveRef, "oci://" + registry.host() + "/restored/shop:3.0.0"));
    assertEquals(published.digest(), back.digest());
    assertEquals(published.digest(), registry.tags.get("restored/shop:3.0.0"));

    BundlePublished other =
        bundles()
            .publish(publishShop(registry.host(), "3.0.1", Map.of("greeting", "x"), List.of()));
    assertNotEquals(other.digest(), published.digest());
    ApplicationFailure refused =
        assertThrows(
            ApplicationFailure.class,
            () ->
                bundles()
                    .copy(
                        new BundleCopyRequest(
                            "oci://" + registry.host() + "/bundles/shop:3.0.1",
                            "oci://" + locked.host() + "/acceptance/shop:3.0.0")));
    assertEquals(RegistryFailures.TAG_EXISTS, refused.getType());
  }

  @Test
  void archivePathsStayInsideTheChartsDirectory() {
    ApplicationFailure refused =
        assertThrows(
            ApplicationFailure.class,
            () ->
                bundles()
                    .copy(
                        new BundleCopyRequest(
                            "archive:../../etc/bundle.tar.gz",
                            "oci://" + registry.host() + "/x/y:1.0.0")));
    assertTrue(
        refused.getOriginalMessage().contains("leads outside the charts directory"),
        refused.getOriginalMessage());
  }

  private static Map<String, String> untar(byte[] tgz) throws IOException {
    Map<String, String> files = new HashMap<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(tgz)))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        files.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }
}
