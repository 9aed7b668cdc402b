/**
 * The render activity: a chart and values in, a stored {@link
 * dev.converge.activities.bundle.Bundle} and its metadata out.
 *
 * <p>Why it is more than one helm-java call: helm-java's {@code template} returns only the release
 * manifest (no hooks, no {@code crds/}, no notes) and takes values only as files, set and set-file.
 * So values are merged here in SEMANTICS §1.3 order ({@link
 * dev.converge.activities.render.ValuesMerger}, {@link
 * dev.converge.activities.render.HelmSetParser}) and passed as one file; hooks are kept in the
 * output by masking their annotation in a private copy of the chart ({@link
 * dev.converge.activities.render.HookMask}); {@code crds/} files are read from that copy ({@link
 * dev.converge.activities.render.CrdFiles}); notes come from a client-only dry-run install. The
 * templates themselves are always rendered by Helm.
 */
package dev.converge.activities.render;
