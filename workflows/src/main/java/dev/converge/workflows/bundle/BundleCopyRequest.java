package dev.converge.workflows.bundle;

/**
 * The one input of a {@code BundleCopyWorkflow}. Built only by {@link BundleRequests#copy}.
 *
 * @param from {@code oci://host/repository:tag}, {@code ...@sha256:<digest>} or {@code
 *     archive:<path>.tar.gz} under the worker's charts directory
 * @param to {@code oci://host/repository[:tag]} (no tag: the source's tag) or {@code
 *     archive:<path>.tar.gz}
 */
public record BundleCopyRequest(String from, String to) {
  public static final String ARCHIVE = "archive:";

  public String workflowId() {
    return BundleRequests.copyWorkflowId(this);
  }
}
