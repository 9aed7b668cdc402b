package dev.converge.activities.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.activities.TrackActivities.TrackItem;
import dev.converge.workflows.contract.TrackSpec;
import dev.converge.workflows.contract.TrackSpec.FailMode;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceStatus;
import dev.converge.workflows.model.ResourceStatus.State;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The loop feeds items what the informers hold: newest ReplicaSet's pods, and their events. */
@EnableKubernetesMockClient(crud = true)
class TrackClusterWiringTest {
  private static final ResourceKey WEB = new ResourceKey("apps/v1", "Deployment", "shop", "web");
  private static final TrackSpec NO_FAILURE_ALLOWED =
      new TrackSpec(
          false,
          FailMode.FAIL_WHOLE_DEPLOY_PROCESS_IMMEDIATELY,
          0,
          240,
          Map.of(),
          null,
          Map.of(),
          false,
          Set.of(),
          Set.of(),
          false,
          null,
          Map.of(),
          null);
  KubernetesClient client;

  @Test
  void crashingPodOfTheOldReplicaSetDoesNotFailTheRollout() {
    String uid = deployment("2");
    replicaSet("web-old", "1", uid);
    replicaSet("web-new", "2", uid);
    Pod crashing = Fixtures.load("pod-crashloop.yaml", Pod.class); // owned by web-5b8f9d7c6a
    crashing.getMetadata().getOwnerReferences().get(0).setUid(replicaSetUid("web-old"));
    create(crashing); // matches the Deployment's selector

    ResourceStatus row = track(2);

    assertEquals(0, row.errors(), row.toString());
    assertTrue(row.lastError().startsWith("timed out"), row.lastError());
  }

  @Test
  void failedEventOfTheNewReplicaSetFailsTheDeploymentAndIsQuotedInTheReport() {
    String uid = deployment("1");
    replicaSet("web-new", "1", uid);
    create(
        new EventBuilder()
            .withNewMetadata()
            .withName("web-new.1")
            .withNamespace("shop")
            .endMetadata()
            .withNewInvolvedObject()
            .withKind("ReplicaSet")
            .withName("web-new")
            .withNamespace("shop")
            .endInvolvedObject()
            .withType("Warning")
            .withReason("FailedCreate")
            .withCount(1)
            .withMessage("pods \"web-new-x\" is forbidden: exceeded quota: pods")
            .withLastTimestamp(Instant.now().toString())
            .build());

    ResourceStatus row = track(10);

    assertEquals(State.FAILED, row.state(), row.toString());
    assertEquals(
        "ReplicaSet/web-new: FailedCreate: pods \"web-new-x\" is forbidden: exceeded quota: pods",
        row.lastError());
    assertTrue(
        row.lastLogLines()
            .contains(
                "event ReplicaSet/web-new: FailedCreate: pods \"web-new-x\" is forbidden: exceeded"
                    + " quota: pods"),
        row.lastLogLines().toString());
  }

  private String deployment(String revision) {
    Deployment deployment = Fixtures.load("deployment-progressing.yaml", Deployment.class);
    deployment.getSpec().setReplicas(1);
    deployment.getMetadata().setResourceVersion(null);
    deployment.getMetadata().setUid(null);
    deployment.getMetadata().getAnnotations().put("deployment.kubernetes.io/revision", revision);
    deployment.setStatus(null);
    return create(deployment).getMetadata().getUid();
  }

  private String replicaSet(String name, String revision, String ownerUid) {
    return create(
            new ReplicaSetBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("shop")
                .addToAnnotations("deployment.kubernetes.io/revision", revision)
                .withOwnerReferences(
                    new OwnerReferenceBuilder()
                        .withApiVersion("apps/v1")
                        .withKind("Deployment")
                        .withName("web")
                        .withUid(ownerUid)
                        .withController(true)
                        .build())
                .endMetadata()
                .build())
        .getMetadata()
        .getUid();
  }

  private String replicaSetUid(String name) {
    return client
        .apps()
        .replicaSets()
        .inNamespace("shop")
        .withName(name)
        .get()
        .getMetadata()
        .getUid();
  }

  private <T extends HasMetadata> T create(T object) {
    object.getMetadata().setResourceVersion(null);
    return client.resource(object).create();
  }

  private ResourceStatus track(int timeoutSeconds) {
    return TrackInTestEnvironment.track(
            client, List.of(new TrackItem(WEB, NO_FAILURE_ALLOWED, 1)), timeoutSeconds)
        .statuses()
        .get(0);
  }
}
