/**
 * Release records in Helm v3's storage format (docs/semantics.md#release-storage), so Helm and
 * converge can take turns on one release.
 *
 * <ul>
 *   <li>{@link dev.converge.activities.release.HelmRelease} and {@link
 *       dev.converge.activities.release.HelmReleaseCodec}: the record and its {@code
 *       base64(gzip(json))} encoding, pure.
 *   <li>{@link dev.converge.activities.release.ReleaseStore}: Secrets in the cluster, or memory for
 *       tests.
 *   <li>{@link dev.converge.activities.release.ReleaseActivitiesImpl}: the activity group, built
 *       from the two above plus {@link dev.converge.activities.release.PendingRelease} (bundle to
 *       record), {@link dev.converge.activities.release.ManifestResources} (record to resources)
 *       and {@link dev.converge.activities.release.HistoryLimit} (pruning).
 * </ul>
 */
package dev.converge.activities.release;
