package dev.converge.workflows.bundle;

public class BundleCopyWorkflowImpl implements BundleCopyWorkflow {
  @Override
  public BundleCopied copy(Object raw) {
    BundleCopyRequest request =
        BundleWorkflows.validated(raw, BundleRequests::copy, BundleCopyRequest::workflowId);
    return BundleWorkflows.run(() -> BundleWorkflows.activities().copy(request));
  }
}
