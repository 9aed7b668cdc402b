/**
 * Readiness tracking (SEMANTICS §5), read-only.
 *
 * <ul>
 *   <li>{@code rules}: pure readiness rules per kind and pod failure detection, tested on
 *       fixtures without a server. A new kind is one rule class plus one line in {@link
 *       dev.converge.activities.track.rules.ReadinessRules}.
 *   <li>{@link dev.converge.activities.track.ItemTracker}: one item's state (counting failures,
 *       fail modes, no-activity), fed snapshots; no I/O.
 *   <li>{@link dev.converge.activities.track.TrackRun}: the loop over informer caches ({@link
 *       dev.converge.activities.track.ClusterView}), heartbeats, status table, logs ({@link
 *       dev.converge.activities.track.LogFollower}).
 *   <li>{@link dev.converge.activities.track.TrackCheckpoint}: heartbeat details a retry resumes
 *       from.
 * </ul>
 */
package dev.converge.activities.track;
