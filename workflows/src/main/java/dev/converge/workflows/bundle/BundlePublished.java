package dev.converge.workflows.bundle;

/**
 * @param repository {@code oci://host/repository}
 * @param digest the manifest digest: apply with {@code repository@digest}
 * @param size bytes of the chart archive
 * @param alreadyPublished the tag held this very content already (a retry or a re-run): nothing
 *     pushed
 * @param note what a user should know, e.g. that Helm resolves only semantic-version tags; may be
 *     null
 */
public record BundlePublished(
    String repository,
    String tag,
    String digest,
    long size,
    String chartName,
    String chartVersion,
    boolean alreadyPublished,
    String note) {}
