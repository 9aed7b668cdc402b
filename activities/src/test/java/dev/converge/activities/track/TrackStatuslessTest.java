package dev.converge.activities.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.activities.TrackActivities.TrackItem;
import dev.converge.workflows.activities.TrackActivities.TrackReport;
import dev.converge.workflows.contract.TrackSpec;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceStatus;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** ConfigMaps, Secrets and RBAC objects this run applied are ready without a watch. */
@EnableKubernetesMockClient(crud = true)
class TrackStatuslessTest {
  KubernetesClient client;
  KubernetesMockServer server;

  @Test
  void appliedObjectsWithoutStatusAreReadyWithoutAnyRequest() throws Exception {
    List<TrackItem> items =
        List.of(
            applied(new ResourceKey("v1", "ConfigMap", "shop", "settings")),
            applied(new ResourceKey("v1", "Secret", "shop", "token")),
            applied(new ResourceKey("rbac.authorization.k8s.io/v1", "Role", "shop", "reader")));

    TrackReport report = TrackInTestEnvironment.track(client, items, 5);

    assertEquals(
        List.of(ResourceStatus.State.READY, ResourceStatus.State.READY, ResourceStatus.State.READY),
        report.statuses().stream().map(ResourceStatus::state).toList());
    assertEquals(List.of(), requests(), "the apply has shown them present");
  }

  @Test
  void withoutTheAppliedUidTheyAreStillLookedAt() throws Exception {
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .withNamespace("shop")
                .endMetadata()
                .build())
        .create();
    server.takeRequest(1, TimeUnit.SECONDS); // the create
    TrackItem unchanged =
        new TrackItem(
            new ResourceKey("v1", "ConfigMap", "shop", "settings"), TrackSpec.defaults(), null);

    TrackReport report = TrackInTestEnvironment.track(client, List.of(unchanged), 5);

    assertEquals(ResourceStatus.State.READY, report.statuses().get(0).state());
    assertTrue(
        requests().stream().anyMatch(p -> p.startsWith("/api/v1/namespaces/shop/configmaps")),
        "an object not applied by this run is read from the cluster");
  }

  private static TrackItem applied(ResourceKey key) {
    return new TrackItem(key, TrackSpec.defaults(), null, "uid-" + key.name(), 1L);
  }

  private List<String> requests() throws InterruptedException {
    List<String> paths = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(200, TimeUnit.MILLISECONDS)) != null) {
      paths.add(request.getPath());
    }
    return paths;
  }
}
