package dev.converge.activities.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.workflows.contract.RevisionStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ReleaseSecretStoreTest {
  private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

  KubernetesClient client;
  private SecretReleaseStore store;

  @BeforeEach
  void setUp() {
    store = new SecretReleaseStore(client, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /**
   * Helm's text for a record whose JSON is {@code bytes} long: small on the wire, huge unpacked.
   */
  static String bomb(long bytes) throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (var gzip = new GZIPOutputStream(zipped)) {
      gzip.write(
          "{\"name\":\"shop\",\"version\":2,\"manifest\":\"".getBytes(StandardCharsets.UTF_8));
      byte[] filler = new byte[1 << 20];
      Arrays.fill(filler, (byte) 'a');
      for (long left = bytes; left > 0; left -= filler.length) {
        gzip.write(filler, 0, (int) Math.min(left, filler.length));
      }
      gzip.write("\"}".getBytes(StandardCharsets.UTF_8));
    }
    return Base64.getEncoder().encodeToString(zipped.toByteArray());
  }

  @Test
  void aHostileRecordOf600MegabytesIsSkippedNamingTheLimitAndTheRestOfTheHistoryReads()
      throws Exception {
    store.create(ReleaseFixtures.release("ns", "shop", 1, RevisionStatus.DEPLOYED.helmName()));
    String hostile = bomb(600L << 20);
    assertTrue(
        hostile.length() < HelmReleaseCodec.SECRET_DATA_LIMIT,
        "fits in a Secret: " + hostile.length());
    client
        .secrets()
        .inNamespace("ns")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("sh.helm.release.v1.shop.v2")
                .withLabels(
                    Map.of("owner", "helm", "name", "shop", "version", "2", "status", "deployed"))
                .endMetadata()
                .withType("helm.sh/release.v1")
                .addToData(
                    "release",
                    Base64.getEncoder().encodeToString(hostile.getBytes(StandardCharsets.US_ASCII)))
                .build())
        .create();

    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> HelmReleaseCodec.decode(hostile));
    assertTrue(
        refused.getMessage().contains("limit of 67108864 bytes (64 MiB)"), refused.getMessage());
    assertEquals(
        List.of(1), store.history("ns", "shop").stream().map(HelmRelease::version).toList());
  }

  @Test
  void createWritesSecretInHelmFormat() throws Exception {
    store.create(
        ReleaseFixtures.release("ns", "shop", 1, RevisionStatus.PENDING_INSTALL.helmName()));

    Secret secret = secret("ns", "sh.helm.release.v1.shop.v1");
    assertEquals("helm.sh/release.v1", secret.getType());
    assertEquals(
        Map.of(
            "name",
            "shop",
            "owner",
            "helm",
            "status",
            "pending-install",
            "version",
            "1",
            "createdAt",
            Long.toString(NOW.getEpochSecond())),
        secret.getMetadata().getLabels());
    // Wire value = base64(Helm's text); Helm's text = base64(gzip(json)).
    byte[] helmText = Base64.getDecoder().decode(secret.getData().get("release"));
    byte[] gzip = Base64.getDecoder().decode(helmText);
    JsonNode json =
        new ObjectMapper().readTree(new GZIPInputStream(new ByteArrayInputStream(gzip)));
    assertEquals("shop", json.path("name").asText());
    assertEquals("pending-install", json.at("/info/status").asText());
    assertEquals(1, json.path("version").asInt());
  }

  @Test
  void updateRewritesStatusLabelWithJsonAndKeepsOtherLabels() {
    store.create(
        ReleaseFixtures.release("ns", "shop", 1, RevisionStatus.PENDING_INSTALL.helmName()));
    client
        .secrets()
        .inNamespace("ns")
        .withName("sh.helm.release.v1.shop.v1")
        .edit(
            s ->
                new SecretBuilder(s)
                    .editMetadata()
                    .addToLabels("team", "web")
                    .endMetadata()
                    .build());

    store.update(ReleaseFixtures.release("ns", "shop", 1, RevisionStatus.DEPLOYED.helmName()));

    Map<String, String> labels =
        secret("ns", "sh.helm.release.v1.shop.v1").getMetadata().getLabels();
    assertEquals("deployed", labels.get("status"));
    assertEquals(Long.toString(NOW.getEpochSecond()), labels.get("modifiedAt"));
    assertEquals(Long.toString(NOW.getEpochSecond()), labels.get("createdAt"));
    assertEquals("web", labels.get("team"));
    assertEquals("deployed", store.get("ns", "shop", 1).orElseThrow().status());
  }

  @Test
  void historyListsOnlyThisReleaseOldestFirst() {
    for (int version : new int[] {3, 1, 10, 2}) {
      store.create(
          ReleaseFixtures.release("ns", "shop", version, RevisionStatus.SUPERSEDED.helmName()));
    }
    store.create(ReleaseFixtures.release("ns", "other", 4, RevisionStatus.DEPLOYED.helmName()));
    store.create(
        ReleaseFixtures.release("elsewhere", "shop", 7, RevisionStatus.DEPLOYED.helmName()));
    Secret garbage =
        new SecretBuilder()
            .withNewMetadata()
            .withName("sh.helm.release.v1.shop.v99")
            .withLabels(Map.of("owner", "helm", "name", "shop"))
            .endMetadata()
            .addToData("release", Base64.getEncoder().encodeToString("not a release".getBytes()))
            .build();
    client.secrets().inNamespace("ns").resource(garbage).create();

    List<HelmRelease> history = store.history("ns", "shop");

    assertEquals(List.of(1, 2, 3, 10), history.stream().map(HelmRelease::version).toList());
  }

  @Test
  void readsSecretWrittenByHelm() {
    client.secrets().inNamespace("shop").resource(ReleaseFixtures.helmSecret("shop")).create();

    HelmRelease release = store.get("shop", "shop", 1).orElseThrow();

    assertEquals("deployed", release.status());
    assertEquals("migrate", release.hooks().get(0).name());
    assertEquals(1, store.history("shop", "shop").size());
  }

  @Test
  void createTwiceFailsWithReleaseExists() {
    HelmRelease release =
        ReleaseFixtures.release("ns", "shop", 1, RevisionStatus.PENDING_INSTALL.helmName());
    store.create(release);

    assertThrows(ReleaseStore.ReleaseExistsException.class, () -> store.create(release));
  }

  @Test
  void deleteRemovesRevisionAndToleratesMissingOne() {
    store.create(ReleaseFixtures.release("ns", "shop", 1, RevisionStatus.FAILED.helmName()));

    store.delete("ns", "shop", 1);
    store.delete("ns", "shop", 1);

    assertNull(secret("ns", "sh.helm.release.v1.shop.v1"));
    assertTrue(store.get("ns", "shop", 1).isEmpty());
  }

  @Test
  void tooLargeRecordFailsBeforeAnythingIsWritten() {
    HelmRelease huge =
        withManifest(
            ReleaseFixtures.release("ns", "shop", 1, RevisionStatus.PENDING_INSTALL.helmName()),
            incompressible(1_200_000));

    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> store.create(huge));

    assertEquals("ReleaseTooLarge", failure.getType());
    assertTrue(failure.isNonRetryable());
    assertTrue(
        failure.getOriginalMessage().contains("limit of 1048576 bytes"), failure.getMessage());
    assertNull(secret("ns", "sh.helm.release.v1.shop.v1"));
  }

  @Test
  void largeButCompressibleRecordFits() {
    HelmRelease big =
        withManifest(
            ReleaseFixtures.release("ns", "shop", 1, RevisionStatus.PENDING_INSTALL.helmName()),
            "a: b\n".repeat(400_000));

    store.create(big);

    assertNotNull(secret("ns", "sh.helm.release.v1.shop.v1"));
    assertFalse(store.get("ns", "shop", 1).orElseThrow().manifest().isEmpty());
  }

  private Secret secret(String namespace, String name) {
    return client.secrets().inNamespace(namespace).withName(name).get();
  }

  private static HelmRelease withManifest(HelmRelease r, String manifest) {
    return new HelmRelease(
        r.name(),
        r.info(),
        r.chart(),
        r.config(),
        manifest,
        r.hooks(),
        r.version(),
        r.namespace(),
        r.extra());
  }

  private static String incompressible(int length) {
    Random random = new Random(42);
    StringBuilder text = new StringBuilder(length);
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
