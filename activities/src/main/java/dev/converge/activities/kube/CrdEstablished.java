package dev.converge.activities.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;

/**
 * Waits after applying a CRD until the API server says Established: before that its custom
 * resources are rejected, and the next step may apply some. On the apply side, not in tracking, so
 * it holds whether or not the CRD is tracked (unchanged CRDs are not).
 */
final class CrdEstablished {
  private final KubernetesClient client;
  private final Runnable heartbeat;

  CrdEstablished(KubernetesClient client, Runnable heartbeat) {
    this.client = client;
    this.heartbeat = heartbeat;
  }

  static boolean isCrd(HasMetadata object) {
    return "CustomResourceDefinition".equals(object.getKind())
        && object.getApiVersion() != null
        && object.getApiVersion().startsWith("apiextensions.k8s.io/");
  }

  /**
   * @param applied what the apply answered: a CRD that was there already is Established in it, and
   *     then there is nothing to ask (a big CRD costs megabytes per read)
   */
  void await(HasMetadata applied, Duration timeout) {
    String name = applied.getMetadata().getName();
    List<CustomResourceDefinitionCondition> conditions =
        applied instanceof CustomResourceDefinition crd ? conditions(crd) : List.of();
    if (established(name, conditions)) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    // The API server usually establishes a new CRD within tens of milliseconds: ask again soon,
    // then less often.
    long pause = 20;
    while (System.nanoTime() < deadline) {
      heartbeat.run();
      Applier.sleep(pause);
      pause = Math.min(250, pause * 2);
      conditions =
          conditions(client.apiextensions().v1().customResourceDefinitions().withName(name).get());
      if (established(name, conditions)) {
        return;
      }
    }
    throw ApplicationFailure.newNonRetryableFailure(
        "CustomResourceDefinition/"
            + name
            + " is not Established "
            + timeout.toSeconds()
            + "s after its apply (conditions: "
            + conditions.stream().map(c -> c.getType() + "=" + c.getStatus()).toList()
            + ")",
        "ApplyRejected");
  }

  private static List<CustomResourceDefinitionCondition> conditions(CustomResourceDefinition crd) {
    return crd == null || crd.getStatus() == null || crd.getStatus().getConditions() == null
        ? List.of()
        : crd.getStatus().getConditions();
  }

  private static boolean established(
      String name, List<CustomResourceDefinitionCondition> conditions) {
    for (CustomResourceDefinitionCondition c : conditions) {
      if ("Established".equals(c.getType()) && "True".equals(c.getStatus())) {
        return true;
      }
      // A name clash never heals by waiting.
      if ("NamesAccepted".equals(c.getType()) && "False".equals(c.getStatus())) {
        throw ApplicationFailure.newNonRetryableFailure(
            "CustomResourceDefinition/"
                + name
                + ": names not accepted: "
                + c.getReason()
                + ": "
                + c.getMessage(),
            "ApplyRejected");
      }
    }
    return false;
  }
}
