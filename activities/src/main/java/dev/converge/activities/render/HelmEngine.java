package dev.converge.activities.render;

import com.marcnuri.helm.Helm;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Helm engine through helm-java. Helm objects are created per call, so the ~98 MB native
 * library loads on the first render, not when the worker starts, and calls share no state. Helm's
 * errors (template file:line:col) come back as RenderFailed; anything else, such as the native
 * library failing to load, stays retryable.
 */
final class HelmEngine {

  /**
   * Renders the chart like {@code helm template}: the release manifest, documents in Helm's install
   * order, each after a {@code # Source:} line. Hooks and crds/ are not in it.
   */
  String template(Path chartDir, String release, String namespace, Path valuesFile) {
    try {
      String manifest =
          new Helm(chartDir)
              .template()
              .withName(release)
              .withNamespace(namespace)
              .withValuesFile(valuesFile)
              .call();
      return manifest;
    } catch (IllegalStateException e) {
      throw RenderFailures.failed("helm template failed: " + HookMask.unmask(e.getMessage()));
    } finally {
      NativeSignals.reclaimAfterNativeLoad();
    }
  }

  /** Renders the chart's NOTES.txt (subcharts' notes are left out, as Helm does); "" if none. */
  String notes(Path chartDir, String release, String namespace, Path valuesFile) {
    if (!Files.isRegularFile(chartDir.resolve("templates").resolve("NOTES.txt"))) {
      return "";
    }
    try {
      // helm-java's template drops notes; a client-only dry-run install prints them last.
      String report =
          new Helm(chartDir)
              .install()
              .withName(release)
              .withNamespace(namespace)
              .withValuesFile(valuesFile)
              .dryRun()
              .clientOnly()
              .call()
              .getOutput();
      int at = report.indexOf("NOTES:\n");
      return at < 0 ? "" : HookMask.unmask(report.substring(at + "NOTES:\n".length()).strip());
    } catch (IllegalStateException e) {
      throw RenderFailures.failed("helm notes failed: " + HookMask.unmask(e.getMessage()));
    } finally {
      NativeSignals.reclaimAfterNativeLoad();
    }
  }
}
