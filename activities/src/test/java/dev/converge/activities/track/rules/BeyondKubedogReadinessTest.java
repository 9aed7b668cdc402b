package dev.converge.activities.track.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.activities.track.Fixtures;
import dev.converge.activities.track.rules.Readiness.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kinds kubedog does not track. Fixtures were saved with {@code kubectl get -o json} from the local
 * stack (k8s 1.35); "ready" PVC/Service/Ingress/HPA states were produced there by binding a PV or
 * patching the status subresource. pvc-lost and crd-new are hand-edited from those.
 */
class BeyondKubedogReadinessTest {

  private static Readiness check(String fixture) {
    return ReadinessRules.check(Fixtures.generic(fixture));
  }

  @Test
  void loadBalancerServiceWaitsUntilAnIngressAddressIsAssigned() {
    Readiness pending = check("service-lb-pending.json");
    assertEquals(Verdict.WAITING, pending.verdict());
    assertEquals("waiting for a load balancer address", pending.reason());
    Readiness ready = check("service-lb-ready.json");
    assertEquals(Verdict.READY, ready.verdict());
    assertEquals("203.0.113.10", ready.info());
  }

  @Test
  void clusterIpServiceIsReadyWhenPresent() {
    var service = Fixtures.generic("service-lb-pending.json");
    service.<Map<String, Object>>get("spec").put("type", "ClusterIP");
    assertEquals(Verdict.READY, ReadinessRules.check(service).verdict());
  }

  @Test
  void ingressIsReadyOnceTheLoadBalancerStatusIsSet() {
    assertEquals(Verdict.WAITING, check("ingress-pending.json").verdict());
    Readiness ready = check("ingress-ready.json");
    assertEquals(Verdict.READY, ready.verdict());
    assertEquals("lb.example.com", ready.info());
  }

  @Test
  void claimIsReadyWhenBoundWaitsWhilePendingAndFailsWhenLost() {
    Readiness bound = check("pvc-bound.json");
    assertEquals(Verdict.READY, bound.verdict());
    assertEquals("Bound to i5-fix-data", bound.info());
    Readiness pending = check("pvc-pending.json");
    assertEquals(Verdict.WAITING, pending.verdict());
    assertEquals("Pending", pending.info());
    Readiness lost = check("pvc-lost.json");
    assertEquals(Verdict.FAILED, lost.verdict());
    assertTrue(lost.reason().contains("no longer exists"), lost.reason());
  }

  @Test
  void crdIsReadyWhenEstablished() {
    assertEquals(Verdict.READY, check("crd-established.json").verdict());
    Readiness fresh = check("crd-new.json");
    assertEquals(Verdict.WAITING, fresh.verdict());
    assertEquals("waiting for condition Established", fresh.reason());
  }

  @Test
  void crdWhoseNamesClashFailsWithTheApiServersReason() {
    Readiness clash = check("crd-names-conflict.json");
    assertEquals(Verdict.FAILED, clash.verdict());
    assertEquals(
        "names not accepted: ListKindConflict: \"WidgetList\" is already in use", clash.reason());
  }

  @Test
  void hpaWaitsWhileScalingIsNotActiveAndIsReadyOtherwise() {
    Readiness inactive = check("hpa-scaling-inactive.json");
    assertEquals(Verdict.WAITING, inactive.verdict());
    assertTrue(
        inactive.reason().startsWith("ScalingActive=False: FailedGetResourceMetric:"),
        inactive.reason());
    Readiness active = check("hpa-scaling-active.json");
    assertEquals(Verdict.READY, active.verdict());
    assertEquals("replicas 1 -> 0", active.info());
  }
}
