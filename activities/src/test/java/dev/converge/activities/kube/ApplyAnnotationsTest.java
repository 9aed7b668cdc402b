package dev.converge.activities.kube;

import static org.junit.jupiter.api.Assertions.*;

import dev.converge.activities.manifest.RenderedRelease;
import dev.converge.activities.manifest.RenderedRelease.RenderedObject;
import dev.converge.workflows.activities.ClusterActivities.ApplyOp;
import dev.converge.workflows.activities.ClusterActivities.ApplyRequest;
import dev.converge.workflows.activities.ClusterActivities.DeleteOp;
import dev.converge.workflows.activities.ClusterActivities.DeleteRequest;
import dev.converge.workflows.activities.RenderedChart.ChartInfo;
import dev.converge.workflows.contract.ExternalDependency;
import dev.converge.workflows.contract.OperationType;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.model.ResourceKey;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The apply side of annotations: replicas-on-creation, delete-propagation, external dependencies,
 * CRDs.
 */
class ApplyAnnotationsTest extends MockClusterTest {
  private static final String NS = "shop-prod";
  private static final ReleaseTarget TARGET = new ReleaseTarget("default", NS, "shop");
  private static final ResourceKey WEB = new ResourceKey("apps/v1", "Deployment", NS, "web");
  private static final ResourceKey CONFIG = new ResourceKey("v1", "ConfigMap", NS, "config");
  private static final ResourceKey CRD =
      new ResourceKey(
          "apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "widgets.example.com");

  @Test
  void replicasOnCreationSetsReplicasOnCreateButNotOnUpdate() {
    String v1 = bundle(deployment(3));
    cluster.apply(request(v1, op(WEB, OperationType.CREATE, 1)));
    assertEquals(1, replicas(), "created with werf.io/replicas-on-creation");

    cluster.apply(request(v1, op(WEB, OperationType.UPDATE, 1)));

    assertEquals(
        3, replicas(), "an update applies the manifest; replicas-on-creation is for creation only");
  }

  @Test
  void replicasOnCreationSurvivesAnUpdateOfAManifestWithoutReplicas() {
    String v1 = bundle(deploymentWithoutReplicas());
    cluster.apply(request(v1, op(WEB, OperationType.CREATE, 3)));
    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName("web")
        .edit(
            d -> { // an HPA or a person
              d.getSpec().setReplicas(5);
              return d;
            });

    cluster.apply(request(v1, op(WEB, OperationType.UPDATE, 3)));

    // Server-side apply drops a field its manager owned and no longer sends: the update must
    // carry the live count, or a real API server resets the workload to 1 replica.
    String body = ApplyAwareCrudDispatcher.lastApplyBody;
    assertTrue(body.contains("\"replicas\":5"), body);
    assertEquals(5, replicas());
  }

  @Test
  void replicasOnCreationAppliesToARecreate() {
    String v1 = bundle(deployment(3));
    cluster.apply(request(v1, op(WEB, OperationType.CREATE, null)));

    cluster.apply(request(v1, op(WEB, OperationType.RECREATE, 2)));

    assertEquals(2, replicas());
  }

  @Test
  void deletePropagationIsSentToTheApiServer() throws Exception {
    client
        .configMaps()
        .inNamespace(NS)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("config")
                .withNamespace(NS)
                .endMetadata()
                .build())
        .create();

    cluster.delete(new DeleteRequest(TARGET, List.of(new DeleteOp(CONFIG, null, "Orphan")), 10));

    String body = deleteBody();
    assertTrue(body.contains("\"propagationPolicy\":\"Orphan\""), body);
  }

  @Test
  void externalDependencyThatNeverAppearsFailsNamingIt() {
    String v1 = bundle(configMap());
    ExternalDependency secret =
        new ExternalDependency("dbsecret", "ConfigMap", "v1", null, "db-credentials", "infra");
    ApplyOp op =
        new ApplyOp(CONFIG, OperationType.CREATE, null, "Foreground", List.of(secret), true);

    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class,
            () -> cluster.apply(new ApplyRequest(TARGET, v1, List.of(op), 2, 1)));

    String message = failure.getOriginalMessage();
    assertTrue(
        message.contains("ConfigMap/shop-prod/config")
            && message.contains("external dependency dbsecret")
            && message.contains("db-credentials in namespace infra")
            && message.contains("within 1s"),
        message);
    assertNull(
        client.configMaps().inNamespace(NS).withName("config").get(),
        "nothing applied while the dependency is missing");
  }

  @Test
  void externalDependencyThatExistsLetsTheApplyGo() {
    client
        .configMaps()
        .inNamespace("infra")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("db-credentials")
                .withNamespace("infra")
                .endMetadata()
                .build())
        .create();
    String v1 = bundle(configMap());
    ExternalDependency secret =
        new ExternalDependency("dbsecret", "ConfigMap", "v1", null, "db-credentials", "infra");

    cluster.apply(
        new ApplyRequest(
            TARGET,
            v1,
            List.of(
                new ApplyOp(
                    CONFIG, OperationType.CREATE, null, "Foreground", List.of(secret), true)),
            2,
            5));

    assertNotNull(client.configMaps().inNamespace(NS).withName("config").get());
  }

  @Test
  void crdApplyReturnsOnlyOnceTheCrdIsEstablished() throws Exception {
    String v1 = bundle(crd());
    Thread controller =
        new Thread(
            () -> {
              ApplyAnnotationsTest.sleep(600);
              client
                  .resource(
                      withCondition(client.resource(crdObject()).get(), "Established", "True"))
                  .update();
            });
    long started = System.nanoTime();
    controller.start();

    cluster.apply(
        request(v1, new ApplyOp(CRD, OperationType.CREATE, null, "Foreground", List.of(), false)));

    assertTrue(
        System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(500),
        "returned before Established");
    controller.join();
  }

  @Test
  void crdWhoseNamesAreNotAcceptedFailsWithTheReason() {
    client.resource(withCondition(crdObject(), "NamesAccepted", "False")).create();
    String v1 = bundle(crd());

    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class,
            () ->
                cluster.apply(
                    request(
                        v1,
                        new ApplyOp(
                            CRD, OperationType.UPDATE, null, "Foreground", List.of(), false))));

    assertTrue(
        failure.getOriginalMessage().contains("widgets.example.com")
            && failure.getOriginalMessage().contains("ListKindConflict"),
        failure.getOriginalMessage());
  }

  private String deleteBody() throws InterruptedException {
    for (int i = server.getRequestCount(); i > 0; i--) {
      RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
      if (r != null && "DELETE".equals(r.getMethod())) {
        return r.getUtf8Body();
      }
    }
    throw new AssertionError("no DELETE request");
  }

  private int replicas() {
    return client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName("web")
        .get()
        .getSpec()
        .getReplicas();
  }

  private static CustomResourceDefinition withCondition(
      CustomResourceDefinition crd, String type, String status) {
    return new CustomResourceDefinitionBuilder(crd)
        .withNewStatus()
        .addNewCondition()
        .withType(type)
        .withStatus(status)
        .withReason("ListKindConflict")
        .withMessage("set by the test")
        .endCondition()
        .endStatus()
        .build();
  }

  private static CustomResourceDefinition crdObject() {
    return (CustomResourceDefinition) Manifests.parse(crd().yaml());
  }

  private String bundle(RenderedObject... objects) {
    return store.put(
        new RenderedRelease(
            new ChartInfo("shop", "1.0.0", "1"), Map.of(), Map.of(), "", "", List.of(objects)));
  }

  private static ApplyRequest request(String bundle, ApplyOp op) {
    return new ApplyRequest(TARGET, bundle, List.of(op), 2, 5);
  }

  private static ApplyOp op(ResourceKey key, OperationType type, Integer replicasOnCreation) {
    return new ApplyOp(key, type, replicasOnCreation, "Foreground", List.of(), true);
  }

  private static RenderedObject configMap() {
    return new RenderedObject(
        CONFIG.id(),
        "shop/templates/config.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config\n  namespace: "
            + NS
            + "\ndata:\n  a: b\n",
        false,
        false);
  }

  private static RenderedObject deployment(int replicas) {
    String yaml =
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: "
            + NS
            + "\nspec:\n  replicas: "
            + replicas
            + "\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n"
            + "    spec:\n      containers:\n      - name: web\n        image: registry.local/web:1\n";
    return new RenderedObject(WEB.id(), "shop/templates/web.yaml", yaml, false, false);
  }

  private static RenderedObject deploymentWithoutReplicas() {
    String yaml =
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: "
            + NS
            + "\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n"
            + "    spec:\n      containers:\n      - name: web\n        image: registry.local/web:1\n";
    return new RenderedObject(WEB.id(), "shop/templates/web.yaml", yaml, false, false);
  }

  private static RenderedObject crd() {
    String yaml =
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n"
            + "spec:\n  group: example.com\n  scope: Namespaced\n  names:\n    kind: Widget\n    plural: widgets\n"
            + "  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n";
    return new RenderedObject(CRD.id(), "shop/crds/widgets.yaml", yaml, true, false);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
