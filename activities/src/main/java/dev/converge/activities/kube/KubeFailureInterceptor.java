package dev.converge.activities.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;

/**
 * The last word on an API server error that no activity handled itself: the user reads one line (an
 * RBAC refusal names identity, verb and resource) instead of fabric8's request and Status dump, and
 * a refusal that will stay a refusal (401, 403, 400, 422) fails at once instead of being retried
 * for minutes.
 */
public final class KubeFailureInterceptor extends WorkerInterceptorBase {
  static final String REFUSED = "KubeRefused";
  static final String UNAVAILABLE = "KubeUnavailable";

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      @Override
      public ActivityOutput execute(ActivityInput input) {
        try {
          return super.execute(input);
        } catch (KubernetesClientException e) {
          throw translate(e);
        }
      }
    };
  }

  static ApplicationFailure translate(KubernetesClientException e) {
    int code = e.getCode();
    String reason = Failing.isForbidden(e) ? Failing.forbidden(e, null, null) : Failing.reason(e);
    String message = code > 0 ? "Kubernetes API " + code + ": " + reason : reason;
    boolean refused = code == 400 || code == 401 || code == 403 || code == 422;
    return refused
        ? ApplicationFailure.newNonRetryableFailure(message, REFUSED)
        : ApplicationFailure.newFailure(message, UNAVAILABLE);
  }
}
