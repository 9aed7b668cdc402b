package dev.converge.activities.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.activities.kube.KubeClients.RenderTarget;
import io.temporal.activity.Activity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Helm's own engine, run as our small Go binding ({@code activities/src/main/go}) in a child
 * process: Helm's install/upgrade render against a live cluster. helm-java cannot do this: its
 * template is client-only (default capabilities, no {@code lookup}) and its dry-run install returns
 * no manifests. The binary ships inside this jar and is unpacked once per content digest.
 */
final class HelmRender {
  static final String BINARY_PROPERTY = "converge.render.binary";
  private static final String RESOURCE = "/native/converge-render";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_MINUTES = 4;
  private static volatile Path unpacked;

  /**
   * @param target kube context to render against and the identity to act as; empty: offline, with
   *     Helm's default capabilities (tests, and {@code kubeVersion} when given)
   */
  record Input(
      String chartName,
      Path chart,
      String release,
      String namespace,
      Path valuesFile,
      int revision,
      boolean upgrade,
      Optional<RenderTarget> target,
      String kubeVersion,
      List<String> serviceValues) {}

  record Doc(String source, String content) {}

  record Hook(String source, String content, List<String> events) {}

  record Output(
      String kubeVersion,
      List<Doc> manifests,
      List<Hook> hooks,
      List<Doc> crds,
      String notes,
      String manifest,
      Map<String, Object> chart,
      List<String> droppedServiceValues) {}

  Output render(Input in, Path workDir) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("chart", in.chart().toString());
    request.put("release", in.release());
    request.put("namespace", in.namespace());
    request.put("valuesFile", in.valuesFile().toString());
    request.put("revision", in.revision());
    request.put("upgrade", in.upgrade());
    request.put("offline", in.target().isEmpty());
    in.target()
        .ifPresent(
            t -> {
              request.put(
                  "kubeconfig", t.config().kubeconfig() == null ? "" : t.config().kubeconfig());
              request.put("kubeContext", t.config().context() == null ? "" : t.config().context());
              request.put("impersonate", t.impersonate() == null ? "" : t.impersonate());
            });
    request.put("kubeVersion", in.kubeVersion() == null ? "" : in.kubeVersion());
    request.put("serviceValues", in.serviceValues() == null ? List.of() : in.serviceValues());
    return run(request, "helm render", in.chartName(), in.chart(), workDir, Output.class);
  }

  /** What {@code helm package} needs besides the archive: Helm's OCI config blob. */
  record Packaged(String config, String name, String version, List<String> droppedServiceValues) {}

  /**
   * Writes the chart as a reproducible archive with {@code values} (JSON) as its values.yaml,
   * merged over the chart's defaults; {@code version} replaces the chart version when not null.
   */
  Packaged pack(
      String chartName,
      Path chart,
      Path values,
      List<String> serviceValues,
      String version,
      Path archive,
      Path workDir) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("mode", "package");
    request.put("chart", chart.toString());
    request.put("valuesFile", values.toString());
    request.put("version", version == null ? "" : version);
    request.put("output", archive.toString());
    request.put("serviceValues", serviceValues);
    return run(request, "helm package", chartName, chart, workDir, Packaged.class);
  }

  private <T> T run(
      Map<String, Object> request,
      String what,
      String chartName,
      Path chart,
      Path workDir,
      Class<T> type) {
    Path out = workDir.resolve("render-out.json");
    Path err = workDir.resolve("render-err.txt");
    try {
      Path input = workDir.resolve("render-in.json");
      JSON.writeValue(input.toFile(), request);
      Process process =
          new ProcessBuilder(binary().toString())
              .redirectInput(input.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      int code = waitFor(process);
      // Name the chart as the user gave it, never by the worker's own paths.
      String message =
          Files.readString(err, StandardCharsets.UTF_8)
              .strip()
              .replace(chart.toString(), chartName)
              .replace(workDir.toString(), "");
      return switch (code) {
        case 0 -> JSON.readValue(out.toFile(), type);
        case 2 -> throw RenderFailures.failed(what + " failed: " + message);
        case 3 ->
            throw new IllegalStateException(
                what + " cannot reach the cluster or write its output (will retry): " + message);
        default ->
            throw new IllegalStateException(
                what + " ended with exit code " + code + ": " + message);
      };
    } catch (IOException e) {
      throw new UncheckedIOException(what + " could not run", e);
    }
  }

  /** Heartbeats while Helm works, so a killed worker's render is retried elsewhere quickly. */
  private static int waitFor(Process process) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(TIMEOUT_MINUTES);
    try {
      while (!process.waitFor(1, TimeUnit.SECONDS)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "helm render took longer than " + TIMEOUT_MINUTES + " minutes");
        }
        heartbeat();
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("helm render interrupted", e);
    } finally {
      process.destroyForcibly();
    }
  }

  private static void heartbeat() {
    try {
      Activity.getExecutionContext().heartbeat(null);
    } catch (IllegalStateException notInActivity) {
      // plain tests
    }
  }

  static Path binary() {
    String configured =
        System.getProperty(BINARY_PROPERTY, System.getenv("CONVERGE_RENDER_BINARY"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path path = unpacked;
    if (path == null) {
      synchronized (HelmRender.class) {
        if (unpacked == null) {
          unpacked = unpack();
        }
        path = unpacked;
      }
    }
    return path;
  }

  /** Copies the binary out of the jar to a path named by its digest, so versions never mix. */
  private static Path unpack() {
    try {
      byte[] bytes;
      try (InputStream in = HelmRender.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "the Helm render binary "
                  + RESOURCE
                  + " is not on the class path (build with mvn, Go needed)");
        }
        bytes = in.readAllBytes();
      }
      String digest =
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
              .substring(0, 16);
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "converge-render-" + digest);
      Path target = dir.resolve("converge-render");
      if (Files.isExecutable(target) && Files.size(target) == bytes.length) {
        return target;
      }
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, "converge-render", ".tmp");
      Files.write(temp, bytes);
      temp.toFile().setExecutable(true, false);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the Helm render binary", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
