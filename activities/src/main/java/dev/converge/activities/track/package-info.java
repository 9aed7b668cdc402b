/**
 * Readiness tracking (docs/semantics.md#readiness-rules), read-only.
 *
 * <ul>
 *   <li>{@code rules}: pure readiness rules per kind (kubedog's four, ours for Service
 *       LoadBalancer, Ingress, PVC, CRD, HPA, Pod, kstatus for the rest), pod and event failure
 *       detection, the readiness probe ignore window, a Deployment's current pods; tested on
 *       fixtures saved from a real API server. A new kind is one rule class plus one line in {@link
 *       dev.converge.activities.track.rules.ReadinessRules}.
 *   <li>{@link dev.converge.activities.track.ItemTracker}: one item's state (counting failures,
 *       fail modes, no-activity), fed snapshots of object, pods and events ({@link
 *       dev.converge.activities.track.ItemEvents}); no I/O.
 *   <li>{@link dev.converge.activities.track.TrackRun}: the loop over informer caches ({@link
 *       dev.converge.activities.track.ClusterView}), heartbeats, status table, logs ({@link
 *       dev.converge.activities.track.LogFollower}).
 *   <li>{@link dev.converge.activities.track.TrackCheckpoint}: heartbeat details a retry resumes
 *       from.
 * </ul>
 */
package dev.converge.activities.track;
