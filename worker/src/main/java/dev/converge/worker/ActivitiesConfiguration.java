package dev.converge.worker;

import dev.converge.activities.drift.DriftActivitiesImpl;
import dev.converge.activities.kube.ClusterActivitiesImpl;
import dev.converge.activities.kube.KubeClients;
import dev.converge.activities.kube.KubeFailureInterceptor;
import dev.converge.activities.kube.RunIdentities;
import dev.converge.activities.manifest.CachedManifestStore;
import dev.converge.activities.manifest.FileManifestStore;
import dev.converge.activities.manifest.ManifestStore;
import dev.converge.activities.manifest.RecentManifests;
import dev.converge.activities.oci.OciCharts;
import dev.converge.activities.oci.OciManifestStore;
import dev.converge.activities.publish.BundleActivitiesImpl;
import dev.converge.activities.release.ReleaseActivitiesImpl;
import dev.converge.activities.render.RenderActivitiesImpl;
import dev.converge.activities.track.TrackActivitiesImpl;
import dev.converge.activities.track.rules.ReadinessRules;
import dev.converge.registry.Registries;
import dev.converge.registry.RegistrySettings;
import dev.converge.workflows.codec.Sealer;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Activity beans named as {@code spring.temporal.workers[0].activity-beans} lists them. */
@Configuration(proxyBeanMethods = false)
public class ActivitiesConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(ActivitiesConfiguration.class);

  @Bean(destroyMethod = "close")
  KubeClients kubeClients(WorkerSettings settings) {
    Map<String, KubeClients.ContextConfig> contexts = new LinkedHashMap<>();
    Map<String, WorkerSettings.KubeContext> configured =
        settings.kubeContexts() == null ? Map.of() : settings.kubeContexts();
    configured.forEach(
        (name, c) ->
            contexts.put(
                name,
                new KubeClients.ContextConfig(
                    blankToNull(c.kubeconfig()), blankToNull(c.context()))));
    contexts.putIfAbsent("default", new KubeClients.ContextConfig(null, null));
    RunIdentities identities = identities(settings.tenancy());
    LOG.info("converge worker in {}", identities.describe());
    return new KubeClients(contexts, identities);
  }

  /**
   * Tenant mode unless single-tenant is asked for by name: nobody runs as the worker by accident.
   */
  static RunIdentities identities(WorkerSettings.Tenancy tenancy) {
    String mode =
        tenancy == null || tenancy.mode() == null || tenancy.mode().isBlank()
            ? "tenant"
            : tenancy.mode().strip().toLowerCase(Locale.ROOT);
    RunIdentities.Mode parsed =
        switch (mode) {
          case "tenant" -> RunIdentities.Mode.TENANT;
          case "single-tenant" -> RunIdentities.Mode.SINGLE_TENANT;
          default ->
              throw new IllegalArgumentException(
                  "converge.tenancy.mode must be tenant or single-tenant, not '"
                      + tenancy.mode()
                      + "'");
        };
    List<RunIdentities.Override> overrides =
        tenancy == null || tenancy.overrides() == null
            ? List.of()
            : tenancy.overrides().stream()
                .map(
                    o ->
                        new RunIdentities.Override(
                            o.kubeContext(),
                            o.namespace(),
                            o.serviceAccountNamespace(),
                            o.serviceAccount(),
                            o.createNamespace()))
                .toList();
    return new RunIdentities(
        parsed,
        tenancy == null ? null : tenancy.serviceAccount(),
        tenancy != null && tenancy.createNamespaces(),
        overrides);
  }

  @Bean
  ManifestStore manifestStore(WorkerSettings settings, Registries registries, Sealer sealer) {
    FileManifestStore local = new FileManifestStore(settings.manifestDir(), sealer);
    local.prune(
        settings.manifestRetention() == null ? Duration.ofDays(7) : settings.manifestRetention());
    if (settings.manifestStore() == null || settings.manifestStore().isBlank()) {
      return new RecentManifests(local);
    }
    return new RecentManifests(
        new CachedManifestStore(
            new OciManifestStore(registries, settings.manifestStore().strip(), tmp(), sealer),
            local));
  }

  @Bean(destroyMethod = "close")
  Registries registries(WorkerSettings settings) {
    WorkerSettings.Registries configured = settings.registries();
    Map<String, RegistrySettings.Host> hosts = new LinkedHashMap<>();
    if (configured != null && configured.hosts() != null) {
      configured
          .hosts()
          .forEach(
              (host, h) ->
                  hosts.put(
                      host,
                      new RegistrySettings.Host(
                          h.plainHttp(), blankToNull(h.username()), h.password())));
    }
    if (configured != null && configured.plainHttp() != null) {
      configured.plainHttp().stream()
          .map(String::strip)
          .filter(h -> !h.isEmpty())
          .forEach(
              host ->
                  hosts.merge(
                      host,
                      new RegistrySettings.Host(true, null, null),
                      (h, plain) -> new RegistrySettings.Host(true, h.username(), h.password())));
    }
    Path dockerConfig =
        configured == null
                || configured.dockerConfig() == null
                || configured.dockerConfig().toString().isBlank()
            ? null
            : configured.dockerConfig();
    return new Registries(new RegistrySettings(dockerConfig, hosts));
  }

  @Bean
  RenderActivitiesImpl renderActivities(
      ManifestStore store, WorkerSettings settings, KubeClients clients, Registries registries) {
    return new RenderActivitiesImpl(
        store, settings.chartsDir(), tmp(), new OciCharts(registries), clients);
  }

  @Bean
  BundleActivitiesImpl bundleActivities(WorkerSettings settings, Registries registries) {
    return new BundleActivitiesImpl(registries, settings.chartsDir(), tmp());
  }

  private static Path tmp() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** Picked up by the Temporal starter like every WorkerInterceptor bean. */
  @Bean
  KubeFailureInterceptor kubeFailureInterceptor() {
    return new KubeFailureInterceptor();
  }

  @Bean
  ReleaseActivitiesImpl releaseActivities(KubeClients clients, ManifestStore store) {
    return new ReleaseActivitiesImpl(clients, store);
  }

  @Bean
  ClusterActivitiesImpl clusterActivities(KubeClients clients, ManifestStore store) {
    return new ClusterActivitiesImpl(clients, store);
  }

  @Bean
  DriftActivitiesImpl driftActivities(KubeClients clients, ManifestStore store) {
    return new DriftActivitiesImpl(clients, store);
  }

  @Bean
  DriftScheduleActivitiesImpl driftScheduleActivities(WorkflowClient client) {
    return new DriftScheduleActivitiesImpl(client);
  }

  @Bean
  TrackActivitiesImpl trackActivities(KubeClients clients) {
    // Loads readiness-rules.yaml now: a mistake in it stops the worker here, not a deploy later.
    ReadinessRules.forKind("", "Pod");
    return new TrackActivitiesImpl(clients);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
