/**
 * The render activity: a chart and values in, a stored {@link
 * dev.converge.activities.manifest.RenderedRelease} and its metadata out.
 *
 * <p>Values are merged here in docs/semantics.md#values-merge-order ({@link
 * dev.converge.activities.render.ValuesMerger}, {@link
 * dev.converge.workflows.values.HelmSetParser}) and passed to Helm as one file. Everything else is
 * Helm's own: {@link dev.converge.activities.render.HelmRender} runs Helm's install/upgrade render
 * against the target cluster (capabilities, {@code lookup}, release revision) and Helm's split into
 * manifests, hooks, {@code crds/} and notes, through the Go binding in {@code src/main/go}.
 */
package dev.converge.activities.render;
