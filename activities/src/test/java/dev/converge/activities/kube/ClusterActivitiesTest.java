package dev.converge.activities.kube;

import static org.junit.jupiter.api.Assertions.*;

import dev.converge.activities.manifest.RenderedRelease;
import dev.converge.activities.manifest.RenderedRelease.RenderedObject;
import dev.converge.workflows.activities.ClusterActivities.Applied;
import dev.converge.workflows.activities.ClusterActivities.ApplyOp;
import dev.converge.workflows.activities.ClusterActivities.ApplyRequest;
import dev.converge.workflows.activities.ClusterActivities.DeleteOp;
import dev.converge.workflows.activities.ClusterActivities.DeleteRequest;
import dev.converge.workflows.activities.ClusterActivities.Deleted;
import dev.converge.workflows.activities.ClusterActivities.InspectRequest;
import dev.converge.workflows.activities.RenderedChart.ChartInfo;
import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.contract.OperationType;
import dev.converge.workflows.model.ReleaseTarget;
import dev.converge.workflows.model.ResourceKey;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterActivitiesTest extends MockClusterTest {
  private static final String NS = "shop-prod";
  private static final ReleaseTarget TARGET = new ReleaseTarget("default", NS, "shop");
  private static final ResourceKey CONFIG = new ResourceKey("v1", "ConfigMap", NS, "config");
  private static final ResourceKey WEB = new ResourceKey("apps/v1", "Deployment", NS, "web");
  private static final ResourceKey OLD = new ResourceKey("v1", "ConfigMap", NS, "old");

  /** Objects exist only in a namespace that does; the tests of a first install delete it again. */
  @BeforeEach
  void releaseNamespace() {
    cluster.ensureNamespace(TARGET);
  }

  @Test
  void inspectReadsAKindWithManyObjectsWithOneListInsteadOfAGetEach() throws Exception {
    List<RenderedObject> objects = new ArrayList<>();
    List<ResourceKey> keys = new ArrayList<>();
    for (int i = 0; i < LiveObjects.LIST_FROM; i++) {
      objects.add(configMap("cm-" + i, "v1"));
      keys.add(new ResourceKey("v1", "ConfigMap", NS, "cm-" + i));
    }
    String v1 = bundle(objects.toArray(RenderedObject[]::new));
    cluster.apply(
        apply(
            v1, keys.stream().map(k -> op(k, OperationType.CREATE, null)).toArray(ApplyOp[]::new)));
    objects.set(3, configMap("cm-3", "v2"));
    String v2 = bundle(objects.toArray(RenderedObject[]::new));
    List<String> before = requests();

    List<LiveState> live = cluster.inspect(new InspectRequest(TARGET, v2, keys));

    assertTrue(live.stream().allMatch(LiveState::exists));
    assertEquals(
        List.of("cm-3"),
        live.stream()
            .filter(LiveState::differs)
            .map(l -> l.id().substring(l.id().lastIndexOf('/') + 1))
            .toList());
    List<String> sent = requests();
    sent.removeAll(before);
    assertEquals(
        0,
        sent.stream()
            .filter(r -> r.startsWith("GET /api/v1/namespaces/" + NS + "/configmaps/"))
            .count(),
        sent.toString());
    assertEquals(
        1,
        sent.stream()
            .filter(r -> r.startsWith("GET /api/v1/namespaces/" + NS + "/configmaps?"))
            .count(),
        sent.toString());
  }

  @Test
  void aFirstInstallReadsNothingInItsNewNamespaceAndStillValidates() throws Exception {
    cluster.deleteNamespace(TARGET);
    String bundle = bundle(configMap("config", "v1"), deployment("web", 3));
    List<String> before = requests();

    List<LiveState> live =
        cluster.inspect(new InspectRequest(TARGET, bundle, List.of(CONFIG, WEB)));

    assertTrue(live.stream().noneMatch(LiveState::exists));
    List<String> sent = requests();
    sent.removeAll(before);
    assertEquals(
        0,
        sent.stream()
            .filter(
                r ->
                    r.startsWith("GET /api/v1/namespaces/" + NS + "/")
                        || r.startsWith("GET /apis/apps/v1/namespaces/" + NS + "/"))
            .count(),
        sent.toString());
    assertEquals(
        2,
        sent.stream()
            .filter(
                r ->
                    r.startsWith("PATCH")
                        && r.contains("/namespaces/default/")
                        && r.contains("dryRun=All"))
            .count(),
        "each object is validated by a dry run in a namespace that exists: " + sent);
  }

  @Test
  void applyingAnUpdateIsOneServerSideApplyWithNoGetBeforeIt() throws Exception {
    String v1 = bundle(configMap("config", "v1"));
    cluster.apply(apply(v1, op(CONFIG, OperationType.CREATE, null)));
    List<String> before = requests();

    cluster.apply(apply(bundle(configMap("config", "v2")), op(CONFIG, OperationType.UPDATE, null)));

    List<String> sent = requests();
    sent.removeAll(before);
    assertEquals(1, sent.size(), sent.toString());
    assertTrue(
        sent.get(0).startsWith("PATCH /api/v1/namespaces/" + NS + "/configmaps/config?"),
        sent.toString());
    assertEquals(
        "v2",
        client.configMaps().inNamespace(NS).withName("config").get().getData().get("version"));
  }

  /**
   * Every request the mock server received so far, as "METHOD path?query", numbered to stay
   * distinct.
   */
  private List<String> requests() throws InterruptedException {
    while (true) {
      var request = server.takeRequest(10, TimeUnit.MILLISECONDS);
      if (request == null) {
        break;
      }
      seen.add(request.getMethod() + " " + request.getPath() + " #" + seen.size());
    }
    return new ArrayList<>(seen);
  }

  private final List<String> seen = new ArrayList<>();

  @Test
  void installCreatesObjectsOwnedByTheRelease() {
    String bundle = bundle(configMap("config", "v1"), deployment("web", 3));

    List<LiveState> live =
        cluster.inspect(new InspectRequest(TARGET, bundle, List.of(CONFIG, WEB)));
    List<Applied> applied =
        cluster.apply(
            apply(
                bundle, op(CONFIG, OperationType.CREATE, null), op(WEB, OperationType.CREATE, 1)));

    assertTrue(live.stream().noneMatch(LiveState::exists));
    assertEquals(2, applied.size());
    assertTrue(applied.stream().allMatch(a -> a.created() && a.uid() != null));
    ConfigMap config = client.configMaps().inNamespace(NS).withName("config").get();
    assertEquals("shop", config.getMetadata().getAnnotations().get("meta.helm.sh/release-name"));
    assertEquals(NS, config.getMetadata().getAnnotations().get("meta.helm.sh/release-namespace"));
    assertEquals("Helm", config.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
    assertEquals(applied.get(0).uid(), config.getMetadata().getUid());
    // werf.io/replicas-on-creation wins over the manifest on create
    assertEquals(
        1,
        client.apps().deployments().inNamespace(NS).withName("web").get().getSpec().getReplicas());
  }

  @Test
  void ensureNamespaceCreatesOnlyOnce() {
    cluster.deleteNamespace(TARGET);
    assertTrue(cluster.ensureNamespace(TARGET));
    assertFalse(cluster.ensureNamespace(TARGET));
    assertNotNull(client.namespaces().withName(NS).get());
  }

  @Test
  void applyingTwiceIsHarmless() {
    String bundle = bundle(configMap("config", "v1"));
    Applied first = cluster.apply(apply(bundle, op(CONFIG, OperationType.CREATE, null))).get(0);

    Applied again = cluster.apply(apply(bundle, op(CONFIG, OperationType.CREATE, null))).get(0);

    assertEquals(
        first.uid(),
        again.uid(),
        "a retried create must apply to the object the first attempt made");
    assertEquals(
        "v1",
        client.configMaps().inNamespace(NS).withName("config").get().getData().get("version"));
  }

  @Test
  void inspectSeesUnchangedObjectsAsSameAndChangedOnesAsDiffering() {
    String v1 = bundle(configMap("config", "v1"));
    cluster.apply(apply(v1, op(CONFIG, OperationType.CREATE, null)));
    String v2 = bundle(configMap("config", "v2"));

    LiveState same = cluster.inspect(new InspectRequest(TARGET, v1, List.of(CONFIG))).get(0);
    LiveState changed = cluster.inspect(new InspectRequest(TARGET, v2, List.of(CONFIG))).get(0);

    assertTrue(same.exists());
    assertFalse(same.differs());
    assertTrue(changed.differs());
    assertEquals("shop", changed.annotations().get("meta.helm.sh/release-name"));
    assertEquals(
        "v1",
        client.configMaps().inNamespace(NS).withName("config").get().getData().get("version"),
        "inspection must never write, not even its dry run");
  }

  @Test
  void upgradeUpdatesChangedObjectAndDeletesRemovedOne() {
    String v1 = bundle(configMap("config", "v1"), configMap("old", "v1"));
    cluster.apply(
        apply(v1, op(CONFIG, OperationType.CREATE, null), op(OLD, OperationType.CREATE, null)));
    String v2 = bundle(configMap("config", "v2"));

    cluster.apply(apply(v2, op(CONFIG, OperationType.UPDATE, null)));
    List<Deleted> deleted =
        cluster.delete(
            new DeleteRequest(TARGET, List.of(new DeleteOp(OLD, null, "Foreground")), 30));

    assertEquals(
        "v2",
        client.configMaps().inNamespace(NS).withName("config").get().getData().get("version"));
    assertEquals(List.of(new Deleted(OLD.id(), "deleted")), deleted);
    assertNull(client.configMaps().inNamespace(NS).withName("old").get());
  }

  @Test
  void compensationDeletesOnlyWhatThisRunCreated() {
    client
        .configMaps()
        .inNamespace(NS)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("config")
                .withNamespace(NS)
                .withAnnotations(
                    Map.of(
                        "meta.helm.sh/release-name", "shop", "meta.helm.sh/release-namespace", NS))
                .endMetadata()
                .addToData("version", "before")
                .build())
        .create();
    String bundle = bundle(configMap("config", "v2"), deployment("web", 2));
    List<Applied> applied =
        cluster.apply(
            apply(
                bundle,
                op(CONFIG, OperationType.UPDATE, null),
                op(WEB, OperationType.CREATE, null)));
    List<DeleteOp> compensation = new ArrayList<>();
    applied.stream()
        .filter(Applied::created)
        .forEach(a -> compensation.add(new DeleteOp(WEB, a.uid(), "Foreground")));

    List<Deleted> deleted = cluster.delete(new DeleteRequest(TARGET, compensation, 30));

    assertEquals(List.of(new Deleted(WEB.id(), "deleted")), deleted);
    assertNull(client.apps().deployments().inNamespace(NS).withName("web").get());
    assertNotNull(
        client.configMaps().inNamespace(NS).withName("config").get(),
        "the pre-existing object stays");
  }

  @Test
  void deleteLeavesObjectsWithAnotherUidOrKeepPolicyAlone() {
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
    client
        .configMaps()
        .inNamespace(NS)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("old")
                .withNamespace(NS)
                .withAnnotations(Map.of("helm.sh/resource-policy", "keep"))
                .endMetadata()
                .build())
        .create();

    List<Deleted> deleted =
        cluster.delete(
            new DeleteRequest(
                TARGET,
                List.of(
                    new DeleteOp(CONFIG, "some-other-uid", "Foreground"),
                    new DeleteOp(OLD, null, "Background"),
                    new DeleteOp(WEB, null, "Foreground")),
                30));

    assertEquals(
        List.of(
            new Deleted(CONFIG.id(), "foreign"),
            new Deleted(OLD.id(), "kept"),
            new Deleted(WEB.id(), "absent")),
        deleted);
    assertNotNull(client.configMaps().inNamespace(NS).withName("config").get());
    assertNotNull(client.configMaps().inNamespace(NS).withName("old").get());
  }

  @Test
  void anObjectWhoseDeleteDependencyIsStillThereIsNotDeleted() {
    // "config" never goes away (a finalizer nobody clears); "old" waits for it, "web" for nothing.
    client
        .configMaps()
        .inNamespace(NS)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("config")
                .withNamespace(NS)
                .withFinalizers("example.com/never")
                .endMetadata()
                .build())
        .create();
    client
        .configMaps()
        .inNamespace(NS)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("old")
                .withNamespace(NS)
                .endMetadata()
                .build())
        .create();

    List<Deleted> deleted =
        cluster.delete(
            new DeleteRequest(
                TARGET,
                List.of(
                    new DeleteOp(OLD, null, "Background", List.of(CONFIG.id())),
                    new DeleteOp(CONFIG, null, "Background")),
                1));

    assertEquals(OLD.id(), deleted.get(0).id(), "reported in the given order");
    assertEquals(
        "stuck: waits for " + CONFIG.id() + " to be deleted first", deleted.get(0).outcome());
    assertTrue(deleted.get(1).outcome().startsWith("stuck: still there"), deleted.toString());
    assertNotNull(
        client.configMaps().inNamespace(NS).withName("old").get(),
        "not deleted while what it depends on is there");
  }

  @Test
  void compensatingManyObjectsDeletesEachAndReportsInTheGivenOrder() {
    List<DeleteOp> ops = new ArrayList<>();
    List<Deleted> expected = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      String name = "many-" + i;
      String uid =
          client
              .configMaps()
              .inNamespace(NS)
              .resource(
                  new ConfigMapBuilder()
                      .withNewMetadata()
                      .withName(name)
                      .withNamespace(NS)
                      .endMetadata()
                      .build())
              .create()
              .getMetadata()
              .getUid();
      ResourceKey key = new ResourceKey("v1", "ConfigMap", NS, name);
      ops.add(new DeleteOp(key, i == 3 ? "not-ours" : uid, "Background"));
      expected.add(new Deleted(key.id(), i == 3 ? "foreign" : "deleted"));
    }
    ops.add(new DeleteOp(WEB, null, "Foreground"));
    expected.add(new Deleted(WEB.id(), "absent"));

    assertEquals(expected, cluster.delete(new DeleteRequest(TARGET, ops, 30)));
    assertEquals(
        List.of("many-3"),
        client.configMaps().inNamespace(NS).list().getItems().stream()
            .map(c -> c.getMetadata().getName())
            .filter(n -> n.startsWith("many-"))
            .toList());
  }

  @Test
  void aRetriedRecreateLeavesTheObjectItsFirstAttemptMade() {
    String bundle = bundle(configMap("config", "v1"));
    String planned =
        cluster.apply(apply(bundle, op(CONFIG, OperationType.CREATE, null))).get(0).uid();
    ApplyOp recreate =
        new ApplyOp(CONFIG, OperationType.RECREATE, null, "Foreground", List.of(), true, planned);

    String first = cluster.apply(apply(bundle, recreate)).get(0).uid();
    Applied retried = cluster.apply(apply(bundle, recreate)).get(0);

    assertNotEquals(planned, first);
    assertEquals(
        first,
        retried.uid(),
        "the retry did not delete the recreated object (a migration Job would run twice)");
    assertFalse(retried.created());
  }

  @Test
  void recreateReplacesTheObjectWithANewUid() {
    String bundle = bundle(configMap("config", "v1"));
    String firstUid =
        cluster.apply(apply(bundle, op(CONFIG, OperationType.CREATE, null))).get(0).uid();

    Applied recreated =
        cluster.apply(apply(bundle, op(CONFIG, OperationType.RECREATE, null))).get(0);

    assertNotEquals(firstUid, recreated.uid());
    assertTrue(recreated.created());
  }

  @Test
  void objectMissingFromBundleIsRejectedNamingIt() {
    String bundle = bundle(configMap("config", "v1"));

    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class,
            () -> cluster.apply(apply(bundle, op(WEB, OperationType.CREATE, null))));

    assertTrue(
        failure.getOriginalMessage().contains("Deployment/shop-prod/web"),
        failure.getOriginalMessage());
    assertTrue(failure.isNonRetryable());
  }

  @Test
  void customResourceOfAKindNobodyDefinesIsAnErrorNamingTheKind() {
    ResourceKey gizmo = new ResourceKey("nowhere.example.com/v1", "Gizmo", NS, "g");
    String bundle = bundle(custom(gizmo));

    LiveState live = cluster.inspect(new InspectRequest(TARGET, bundle, List.of(gizmo))).get(0);

    assertFalse(live.exists());
    assertNotNull(live.error());
    assertTrue(
        live.error().contains("unknown kind Gizmo (apiVersion nowhere.example.com/v1)"),
        live.error());
  }

  @Test
  void customResourceWhoseCrdComesWithTheReleaseIsPlannedAsAbsent() {
    ResourceKey gizmo = new ResourceKey("nowhere.example.com/v1", "Gizmo", NS, "g");
    String crd =
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: gizmos.nowhere.example.com\n"
            + "spec:\n  group: nowhere.example.com\n  names:\n    kind: Gizmo\n    plural: gizmos\n  scope: Namespaced\n";
    ResourceKey crdKey =
        new ResourceKey(
            "apiextensions.k8s.io/v1",
            "CustomResourceDefinition",
            null,
            "gizmos.nowhere.example.com");
    String bundle =
        bundle(custom(gizmo), new RenderedObject(crdKey.id(), "crds/gizmo.yaml", crd, false, true));

    LiveState live = cluster.inspect(new InspectRequest(TARGET, bundle, List.of(gizmo))).get(0);

    assertFalse(live.exists());
    assertNull(live.error(), live.error());
  }

  @Test
  void fieldOfTheWrongTypeIsNamedWithoutLibraryText() {
    String yaml =
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: "
            + NS
            + "\nspec:\n  replicas: two\n";
    String bundle = bundle(new RenderedObject(WEB.id(), "templates/web.yaml", yaml, false, false));

    LiveState live = cluster.inspect(new InspectRequest(TARGET, bundle, List.of(WEB))).get(0);

    assertEquals(
        "field spec.replicas has a value of the wrong type (expected a number)", live.error());
  }

  @Test
  void onlyTheAnnotationsThePlanReadsTravel() {
    client
        .configMaps()
        .inNamespace(NS)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("config")
                .withNamespace(NS)
                .addToAnnotations(
                    "kubectl.kubernetes.io/last-applied-configuration",
                    "{\"data\":{\"password\":\"hunter2\"}}")
                .addToAnnotations("meta.helm.sh/release-name", "shop")
                .addToAnnotations("helm.sh/resource-policy", "keep")
                .endMetadata()
                .build())
        .create();
    String bundle = bundle(configMap("config", "v1"));

    LiveState live = cluster.inspect(new InspectRequest(TARGET, bundle, List.of(CONFIG))).get(0);

    assertEquals(
        Map.of("meta.helm.sh/release-name", "shop", "helm.sh/resource-policy", "keep"),
        live.annotations());
  }

  @Test
  void aCreateNeverTakesOverAnObjectSomeoneElseMadeSinceThePlanNorDoesCompensationDeleteIt() {
    // Made by someone else after the plan saw no such object (as kubectl create would).
    client
        .configMaps()
        .inNamespace(NS)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("config")
                .endMetadata()
                .addToData("version", "theirs")
                .build())
        .create();
    String bundle = bundle(configMap("config", "v1"));

    ApplicationFailure refused =
        assertThrows(
            ApplicationFailure.class,
            () -> cluster.apply(apply(bundle, op(CONFIG, OperationType.CREATE, null))));

    assertEquals("ApplyRejected", refused.getType());
    assertTrue(
        refused
            .getOriginalMessage()
            .contains("ConfigMap/" + NS + "/config: created by someone else after this run's plan"),
        refused.getOriginalMessage());
    assertEquals(
        "theirs",
        client.configMaps().inNamespace(NS).withName("config").get().getData().get("version"));
    // The failed apply returned no uid: compensation deletes only what carries the release's stamp.
    List<Deleted> compensated =
        cluster.delete(
            new DeleteRequest(
                TARGET,
                List.of(new DeleteOp(CONFIG, null, "Foreground").releaseStampedOnly()),
                30));
    assertEquals("foreign", compensated.get(0).outcome());
    assertEquals(
        "theirs",
        client.configMaps().inNamespace(NS).withName("config").get().getData().get("version"));
  }

  @Test
  void aRetriedCreateFindsTheObjectItsEarlierAttemptMadeAndCarriesOn() {
    String bundle = bundle(configMap("config", "v1"));
    cluster.apply(apply(bundle, op(CONFIG, OperationType.CREATE, null)));

    List<Applied> again = cluster.apply(apply(bundle, op(CONFIG, OperationType.CREATE, null)));

    assertTrue(again.get(0).created());
    List<Deleted> compensated =
        cluster.delete(
            new DeleteRequest(
                TARGET,
                List.of(new DeleteOp(CONFIG, null, "Foreground").releaseStampedOnly()),
                30));
    assertEquals("deleted", compensated.get(0).outcome());
  }

  @Test
  void dismissDeletesOnlyANamespaceConvergeCreatedForThatRelease() {
    ReleaseTarget other = new ReleaseTarget("default", NS, "another-release");
    assertFalse(cluster.deleteNamespace(other));
    assertNotNull(client.namespaces().withName(NS).get());
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("theirs").endMetadata().build())
        .create();
    assertFalse(cluster.deleteNamespace(new ReleaseTarget("default", "theirs", "shop")));
    assertNotNull(client.namespaces().withName("theirs").get());
    assertTrue(cluster.deleteNamespace(TARGET));
  }

  private static RenderedObject custom(ResourceKey key) {
    String yaml =
        "apiVersion: "
            + key.apiVersion()
            + "\nkind: "
            + key.kind()
            + "\nmetadata:\n  name: "
            + key.name()
            + "\n  namespace: "
            + key.namespace()
            + "\nspec:\n  size: 1\n";
    return new RenderedObject(key.id(), "templates/gizmo.yaml", yaml, false, false);
  }

  private String bundle(RenderedObject... objects) {
    return store.put(
        new RenderedRelease(
            new ChartInfo("shop", "1.0.0", "1"), Map.of(), Map.of(), "", "", List.of(objects)));
  }

  private static ApplyRequest apply(String bundle, ApplyOp... ops) {
    return new ApplyRequest(TARGET, bundle, List.of(ops), 4, 5);
  }

  private static ApplyOp op(ResourceKey key, OperationType type, Integer replicasOnCreation) {
    return new ApplyOp(key, type, replicasOnCreation, "Foreground", List.of(), true);
  }

  private static RenderedObject configMap(String name, String version) {
    String yaml =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
            + name
            + "\n  namespace: "
            + NS
            + "\ndata:\n  version: "
            + version
            + "\n";
    return new RenderedObject(
        new ResourceKey("v1", "ConfigMap", NS, name).id(),
        "shop/templates/" + name + ".yaml",
        yaml,
        false,
        false);
  }

  private static RenderedObject deployment(String name, int replicas) {
    String yaml =
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: "
            + name
            + "\n  namespace: "
            + NS
            + "\nspec:\n  replicas: "
            + replicas
            + "\n  selector:\n    matchLabels:\n      app: "
            + name
            + "\n  template:\n    metadata:\n      labels:\n        app: "
            + name
            + "\n    spec:\n      containers:\n      - name: "
            + name
            + "\n        image: registry.local/"
            + name
            + ":1\n";
    return new RenderedObject(
        new ResourceKey("apps/v1", "Deployment", NS, name).id(),
        "shop/templates/" + name + ".yaml",
        yaml,
        false,
        false);
  }
}
