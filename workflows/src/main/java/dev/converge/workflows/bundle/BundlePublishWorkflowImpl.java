package dev.converge.workflows.bundle;

public class BundlePublishWorkflowImpl implements BundlePublishWorkflow {
  @Override
  public BundlePublished publish(Object raw) {
    BundlePublishRequest request =
        BundleWorkflows.validated(raw, BundleRequests::publish, BundlePublishRequest::workflowId);
    return BundleWorkflows.run(() -> BundleWorkflows.activities().publish(request));
  }
}
