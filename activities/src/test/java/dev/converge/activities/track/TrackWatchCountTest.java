package dev.converge.activities.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.activities.TrackActivities.TrackItem;
import dev.converge.workflows.activities.TrackActivities.TrackReport;
import dev.converge.workflows.contract.TrackSpec;
import dev.converge.workflows.model.ResourceKey;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Watches, not polling: the API requests of tracking N Deployments do not grow with N. */
@EnableKubernetesMockClient(crud = true)
class TrackWatchCountTest {
  private static final int DEPLOYMENTS = 8;
  KubernetesClient client;
  KubernetesMockServer server;

  @Test
  void oneWatchPerKindAndNamespaceSharedByAllTrackedDeployments() throws Exception {
    List<TrackItem> items = new ArrayList<>();
    for (int i = 0; i < DEPLOYMENTS; i++) {
      String name = "web-" + i;
      client
          .resource(
              new DeploymentBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withNamespace("shop")
                  .endMetadata()
                  .withNewSpec()
                  .withReplicas(1)
                  .withNewSelector()
                  .addToMatchLabels("app", name)
                  .endSelector()
                  .withNewTemplate()
                  .withNewMetadata()
                  .addToLabels("app", name)
                  .endMetadata()
                  .withNewSpec()
                  .addNewContainer()
                  .withName("app")
                  .withImage("web")
                  .endContainer()
                  .endSpec()
                  .endTemplate()
                  .endSpec()
                  .build())
          .create();
      items.add(
          new TrackItem(
              new ResourceKey("apps/v1", "Deployment", "shop", name), TrackSpec.defaults(), 1));
    }
    int before = server.getRequestCount();
    for (int i = 0; i < before; i++) {
      server.takeRequest(1, TimeUnit.SECONDS); // the creates above
    }

    TrackReport report = track(items, 3); // never ready: the loop runs ~6 ticks per item

    Map<String, Integer> watches = new TreeMap<>();
    Map<String, Integer> others = new TreeMap<>();
    RecordedRequest request;
    while ((request = server.takeRequest(200, TimeUnit.MILLISECONDS)) != null) {
      String path = request.getPath();
      String resource = path.replaceAll("\\?.*", "");
      (path.contains("watch=true") ? watches : others).merge(resource, 1, Integer::sum);
    }
    assertEquals(DEPLOYMENTS, report.statuses().size());
    assertEquals(
        Map.of(
            "/apis/apps/v1/namespaces/shop/deployments", 1,
            "/api/v1/namespaces/shop/pods", 1,
            "/apis/apps/v1/namespaces/shop/replicasets", 1,
            "/api/v1/namespaces/shop/events", 1),
        watches,
        "one watch per kind and namespace; other requests: " + others);
    // the informers' initial lists, one per watch; nothing per Deployment, nothing per tick
    assertTrue(
        others.keySet().stream().noneMatch(p -> p.contains("/deployments/web-")), "" + others);
    assertTrue(others.values().stream().allMatch(n -> n == 1), "lists only, no polling: " + others);
  }

  private TrackReport track(List<TrackItem> items, int timeoutSeconds) {
    return TrackInTestEnvironment.track(client, items, timeoutSeconds);
  }
}
