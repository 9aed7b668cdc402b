package dev.converge.activities.release;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Release records as Helm v3's Secret driver keeps them, so {@code helm list}, {@code helm history}
 * and {@code helm upgrade} read ours and we read theirs: Secret {@code
 * sh.helm.release.v1.<release>.v<rev>} of type {@code helm.sh/release.v1}, labels {@code name},
 * {@code owner=helm}, {@code status}, {@code version}, {@code createdAt} on create and {@code
 * modifiedAt} on update (Unix seconds), and {@code data.release = base64(gzip(json))}.
 */
public final class SecretReleaseStore implements ReleaseStore {
  public static final String SECRET_TYPE = "helm.sh/release.v1";
  private static final Logger log = LoggerFactory.getLogger(SecretReleaseStore.class);

  private final KubernetesClient client;
  private final Clock clock;

  private static final long HISTORY_PAGE = 16;

  public SecretReleaseStore(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public SecretReleaseStore(KubernetesClient client) {
    this(client, Clock.systemUTC());
  }

  @Override
  public List<HelmRelease> history(String namespace, String release) {
    List<HelmRelease> releases = new ArrayList<>();
    // A page at a time: each record may be near the API server's 1 MiB limit, and anyone who may
    // write Secrets in the namespace decides how many carry the release's labels.
    String next = null;
    do {
      var page =
          client
              .secrets()
              .inNamespace(namespace)
              .withLabels(Map.of("owner", "helm", "name", release))
              .list(new ListOptionsBuilder().withLimit(HISTORY_PAGE).withContinue(next).build());
      for (Secret secret : page.getItems()) {
        try {
          releases.add(decode(secret));
        } catch (RuntimeException e) {
          // Helm skips records it cannot read too; one bad Secret must not block every deploy.
          log.warn(
              "skipping unreadable release record {}/{}: {}",
              namespace,
              secret.getMetadata().getName(),
              e.getMessage());
        }
      }
      next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
    } while (next != null && !next.isEmpty());
    releases.sort(Comparator.comparingInt(HelmRelease::version));
    return releases;
  }

  @Override
  public Optional<HelmRelease> get(String namespace, String release, int version) {
    return Optional.ofNullable(secret(namespace, ReleaseStore.key(release, version)))
        .map(SecretReleaseStore::decode);
  }

  @Override
  public void create(HelmRelease release) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("createdAt", now());
    Secret secret = toSecret(release, labels);
    try {
      client.secrets().inNamespace(release.namespace()).resource(secret).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        throw new ReleaseExistsException(secret.getMetadata().getName());
      }
      throw e;
    }
  }

  /**
   * Replaces the record and its labels together, so the {@code status} label never disagrees with
   * the JSON. Labels we do not own ({@code createdAt}, custom release labels) are kept; the
   * resourceVersion read here makes a concurrent writer fail with 409 instead of being overwritten.
   */
  @Override
  public void update(HelmRelease release) {
    String key = ReleaseStore.key(release.name(), release.version());
    Secret current = secret(release.namespace(), key);
    if (current == null) {
      throw new IllegalStateException(
          "release record " + release.namespace() + "/" + key + " is gone; cannot update it");
    }
    Map<String, String> labels =
        new LinkedHashMap<>(
            Objects.requireNonNullElse(current.getMetadata().getLabels(), Map.of()));
    labels.put("modifiedAt", now());
    Secret updated = toSecret(release, labels);
    updated.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
    client.secrets().inNamespace(release.namespace()).resource(updated).update();
  }

  @Override
  public void delete(String namespace, String release, int version) {
    client.secrets().inNamespace(namespace).withName(ReleaseStore.key(release, version)).delete();
  }

  private Secret secret(String namespace, String name) {
    return client.secrets().inNamespace(namespace).withName(name).get();
  }

  private Secret toSecret(HelmRelease release, Map<String, String> labels) {
    String key = ReleaseStore.key(release.name(), release.version());
    String encoded = HelmReleaseCodec.encode(release);
    HelmReleaseCodec.checkSize(key, encoded);
    labels.put("name", release.name());
    labels.put("owner", "helm");
    labels.put("status", release.status());
    labels.put("version", Integer.toString(release.version()));
    return new SecretBuilder()
        .withNewMetadata()
        .withName(key)
        .withNamespace(release.namespace())
        .withLabels(labels)
        .endMetadata()
        .withType(SECRET_TYPE)
        // fabric8 holds Secret data as the base64 of the bytes; Helm's bytes are themselves the
        // base64 text of the gzip, so the wire value is base64 twice, exactly as Helm's is.
        .addToData(HelmReleaseCodec.DATA_KEY, base64(encoded))
        .build();
  }

  private static HelmRelease decode(Secret secret) {
    String wire = secret.getData() == null ? null : secret.getData().get(HelmReleaseCodec.DATA_KEY);
    if (wire == null) {
      throw new IllegalStateException(
          "Secret " + secret.getMetadata().getName() + " has no data.release");
    }
    return HelmReleaseCodec.decode(
        new String(Base64.getDecoder().decode(wire), StandardCharsets.US_ASCII));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  private String now() {
    return Long.toString(clock.instant().getEpochSecond());
  }
}
