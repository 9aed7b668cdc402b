package dev.converge.activities.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.converge.activities.manifest.ManifestStore;
import dev.converge.activities.manifest.RenderedRelease;
import dev.converge.registry.Digests;
import dev.converge.workflows.activities.ReleaseActivities;
import dev.converge.workflows.activities.RenderedChart;
import dev.converge.workflows.contract.RevisionStatus;
import dev.converge.workflows.model.ReleaseTarget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.temporal.failure.ApplicationFailure;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Release records in Helm v3 format, each method safe to retry (check, then act). */
public final class ReleaseActivitiesImpl implements ReleaseActivities {
  // Must match the render side's values digest: same mapper settings, same bytes.
  private static final ObjectMapper CANONICAL_JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final StoreFor stores;
  private final ManifestStore bundles;
  private final Clock clock;

  /**
   * @param clients the client of a release's run (its context and identity)
   */
  public ReleaseActivitiesImpl(
      Function<ReleaseTarget, KubernetesClient> clients, ManifestStore bundles) {
    this(clients, bundles, Clock.systemUTC());
  }

  public ReleaseActivitiesImpl(
      Function<ReleaseTarget, KubernetesClient> clients, ManifestStore bundles, Clock clock) {
    this((StoreFor) target -> new SecretReleaseStore(clients.apply(target), clock), bundles, clock);
  }

  private ReleaseActivitiesImpl(StoreFor stores, ManifestStore bundles, Clock clock) {
    this.stores = stores;
    this.bundles = bundles;
    this.clock = clock;
  }

  /** One store for every kube context: tests, with {@link InMemoryReleaseStore}. */
  public static ReleaseActivitiesImpl onStore(
      ReleaseStore store, ManifestStore bundles, Clock clock) {
    return new ReleaseActivitiesImpl((StoreFor) target -> store, bundles, clock);
  }

  @Override
  public ReleaseHistory history(ReleaseTarget target) {
    List<HelmRelease> releases = store(target).history(target.namespace(), target.release());
    List<RevisionInfo> revisions = new ArrayList<>();
    for (HelmRelease release : releases) {
      revisions.add(
          new RevisionInfo(
              release.version(),
              release.status(),
              Digests.sha256(release.manifest()),
              valuesDigest(release.config())));
    }
    return new ReleaseHistory(
        revisions,
        releases.isEmpty() ? List.of() : ManifestResources.of(releases.get(releases.size() - 1)));
  }

  @Override
  public void savePending(PendingRevision pending) {
    ReleaseTarget target = pending.target();
    ReleaseStore store = store(target);
    Optional<HelmRelease> existing =
        store.get(target.namespace(), target.release(), pending.revision());
    if (existing.isPresent()) {
      requirePending(existing.get()); // a retry after our own write: nothing to do
      return;
    }
    RenderedRelease bundle = bundles.get(pending.bundleDigest());
    List<HelmRelease> history = store.history(target.namespace(), target.release());
    HelmRelease record =
        PendingRelease.of(
            target, pending.revision(), pending.deployType(), bundle, history, clock.instant());
    try {
      store.create(record);
    } catch (ReleaseStore.ReleaseExistsException e) {
      requirePending(
          store.get(target.namespace(), target.release(), pending.revision()).orElseThrow());
    }
  }

  @Override
  public void markDeployed(ReleaseTarget target, int revision, String description) {
    ReleaseStore store = store(target);
    List<HelmRelease> history =
        new ArrayList<>(store.history(target.namespace(), target.release()));
    int index = indexOf(history, revision);
    if (index < 0) {
      throw ApplicationFailure.newNonRetryableFailure(
          "revision " + revision + " of release " + display(target) + " was never saved",
          "RevisionMissing");
    }
    HelmRelease current = history.get(index);
    String text = blankTo(description, completeDescription(current));
    if (!RevisionStatus.DEPLOYED.helmName().equals(current.status())
        || !text.equals(current.info().description())) {
      history.set(index, current.withStatus(RevisionStatus.DEPLOYED.helmName(), text));
      store.update(history.get(index));
    }
    // Written after the new one is deployed: a crash in between leaves two deployed records,
    // never none, and the retry supersedes the old one.
    for (int i = 0; i < history.size(); i++) {
      HelmRelease other = history.get(i);
      if (i != index && RevisionStatus.DEPLOYED.helmName().equals(other.status())) {
        history.set(
            i, other.withStatus(RevisionStatus.SUPERSEDED.helmName(), other.info().description()));
        store.update(history.get(i));
      }
    }
    // The interface does not carry the requested limit this far, so the default applies.
    for (int version : HistoryLimit.toPrune(history, HistoryLimit.DEFAULT)) {
      store.delete(target.namespace(), target.release(), version);
    }
  }

  @Override
  public void markFailed(ReleaseTarget target, int revision, String description) {
    ReleaseStore store = store(target);
    Optional<HelmRelease> existing = store.get(target.namespace(), target.release(), revision);
    if (existing.isEmpty()) {
      return; // the pending record was never written: nothing to compensate
    }
    HelmRelease current = existing.get();
    String text = blankTo(description, "Release \"" + target.release() + "\" failed");
    if (RevisionStatus.FAILED.helmName().equals(current.status())
        && text.equals(current.info().description())) {
      return;
    }
    store.update(current.withStatus(RevisionStatus.FAILED.helmName(), text));
  }

  @Override
  public RenderedChart loadRevision(ReleaseTarget target, int revision) {
    HelmRelease release =
        store(target)
            .get(target.namespace(), target.release(), revision)
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "release " + display(target) + " has no revision " + revision,
                        "RevisionMissing"));
    List<ManifestResources.Stored> objects = ManifestResources.objects(release);
    Map<String, Object> chart = release.chart() == null ? Map.of() : release.chart();
    Map<String, Object> metadata =
        chart.get("metadata") instanceof Map<?, ?> m ? castMap(m) : Map.of();
    RenderedChart.ChartInfo info =
        new RenderedChart.ChartInfo(
            text(metadata.get("name")),
            text(metadata.get("version")),
            text(metadata.get("appVersion")));
    RenderedRelease bundle =
        new RenderedRelease(
            info,
            metadata,
            release.config(),
            release.manifest(),
            "",
            objects.stream()
                .map(
                    o ->
                        new RenderedRelease.RenderedObject(
                            o.meta().key().id(),
                            o.meta().source(),
                            o.yaml(),
                            o.hook(),
                            false,
                            o.helmManifest()))
                .toList(),
            chart);
    return new RenderedChart(
        bundles.put(bundle),
        Digests.sha256(release.manifest()),
        valuesDigest(release.config()),
        info,
        objects.stream().map(ManifestResources.Stored::meta).toList());
  }

  @Override
  public void markUninstalling(ReleaseTarget target, int revision) {
    ReleaseStore store = store(target);
    store
        .get(target.namespace(), target.release(), revision)
        .ifPresent(
            current -> {
              if (!RevisionStatus.UNINSTALLING.helmName().equals(current.status())) {
                store.update(
                    current.withStatus(
                        RevisionStatus.UNINSTALLING.helmName(),
                        "Deletion in progress (or silently failed)"));
              }
            });
  }

  @Override
  public int deleteHistory(ReleaseTarget target) {
    ReleaseStore store = store(target);
    List<HelmRelease> history = store.history(target.namespace(), target.release());
    for (HelmRelease release : history) {
      store.delete(target.namespace(), target.release(), release.version());
    }
    return history.size();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  static String valuesDigest(Map<String, Object> config) {
    try {
      return Digests.sha256(CANONICAL_JSON.writeValueAsBytes(config == null ? Map.of() : config));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requirePending(HelmRelease existing) {
    if (!RevisionStatus.of(existing.status()).pending()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "revision "
              + existing.version()
              + " of release "
              + existing.namespace()
              + "/"
              + existing.name()
              + " already exists with status "
              + existing.status()
              + "; another deploy wrote it",
          "RevisionConflict");
    }
  }

  /** Helm's words when a pending revision completes; a deployed one keeps its own. */
  private static String completeDescription(HelmRelease release) {
    return switch (RevisionStatus.of(release.status())) {
      case DEPLOYED -> release.info().description();
      case PENDING_UPGRADE -> "Upgrade complete";
      default -> "Install complete";
    };
  }

  private static int indexOf(List<HelmRelease> history, int revision) {
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).version() == revision) {
        return i;
      }
    }
    return -1;
  }

  private static String blankTo(String text, String fallback) {
    return text == null || text.isBlank() ? fallback : text;
  }

  private static String display(ReleaseTarget target) {
    return target.namespace() + "/" + target.release();
  }

  private ReleaseStore store(ReleaseTarget target) {
    return stores.forTarget(target);
  }

  /** Which store serves a release: its context, read and written as the run's identity. */
  private interface StoreFor {
    ReleaseStore forTarget(ReleaseTarget target);
  }
}
