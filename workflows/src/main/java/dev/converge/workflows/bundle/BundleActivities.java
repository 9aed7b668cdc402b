package dev.converge.workflows.bundle;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Registry work, all through oras-java with the worker's registry settings and credentials. */
@ActivityInterface
public interface BundleActivities {

  /**
   * Resolves an {@code oci://} chart to the manifest digest its tag names now, so that every later
   * step and every retry of the run renders the very same bytes. A digest reference is checked to
   * exist. Reads only.
   */
  @ActivityMethod(name = "ResolveChart")
  PinnedChart resolveChart(String chart);

  /**
   * Packages the chart with the merged values in its values.yaml and pushes it with Helm's media
   * types. Idempotent: the archive is reproducible, and a tag that holds the same content already
   * is a no-op; a tag with other content is refused (non-retryable), never overwritten. Nothing to
   * compensate: a failed push leaves at most unreferenced blobs, which registries collect.
   */
  @ActivityMethod(name = "PublishBundle")
  BundlePublished publish(BundlePublishRequest request);

  /** Copies a bundle between registries or to/from an archive, digest kept; same tag rules. */
  @ActivityMethod(name = "CopyBundle")
  BundleCopied copy(BundleCopyRequest request);

  /**
   * @param chart {@code oci://host/repository[:tag]@sha256:<digest>}
   * @param digest the manifest digest
   */
  record PinnedChart(String chart, String digest) {}
}
