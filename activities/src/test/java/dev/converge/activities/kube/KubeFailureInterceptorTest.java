package dev.converge.activities.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

class KubeFailureInterceptorTest {
  private static KubernetesClientException answer(int code, String message) {
    return new KubernetesClientException(
        new StatusBuilder().withCode(code).withMessage(message).withReason("x").build());
  }

  @Test
  void anRbacRefusalIsOneLineAndFinal() {
    ApplicationFailure failure =
        KubeFailureInterceptor.translate(
            answer(
                403,
                "secrets is forbidden: User \"system:serviceaccount:t:converge-deployer\" cannot"
                    + " list resource \"secrets\" in API group \"\" in the namespace \"t\""));
    assertEquals(
        "Kubernetes API 403: system:serviceaccount:t:converge-deployer may not list secrets (in"
            + " namespace t)",
        failure.getOriginalMessage());
    assertTrue(failure.isNonRetryable());
    assertFalse(failure.getOriginalMessage().contains("Status("));
  }

  @Test
  void aServerErrorIsRetriedWithItsReason() {
    ApplicationFailure failure =
        KubeFailureInterceptor.translate(answer(503, "etcdserver: leader changed"));
    assertFalse(failure.isNonRetryable());
    assertEquals("Kubernetes API 503: etcdserver: leader changed", failure.getOriginalMessage());
  }

  @Test
  void anInvalidObjectIsFinal() {
    assertTrue(KubeFailureInterceptor.translate(answer(422, "spec.x: Invalid")).isNonRetryable());
  }
}
