package dev.converge.api.bundle;

/**
 * One bundle run as the API shows it.
 *
 * @param status RUNNING, COMPLETED, FAILED, ...
 * @param result the {@code BundlePublished} or {@code BundleCopied} once completed
 * @param error why it failed, with {@code type} (TagExists, RegistryRefused, RenderFailed, ...)
 */
public record BundleRun(
    String workflowId, String runId, String status, Object result, String error, String type) {}
