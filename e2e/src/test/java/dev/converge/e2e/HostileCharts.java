package dev.converge.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Chart archives a hostile registry could serve, pushed to the local registry with the plain
 * registry API (helm push would refuse them: it loads the chart first).
 */
final class HostileCharts {
  static final String REPOSITORY = "hostile";
  static final String BOMB = "oci://" + Stack.REGISTRY + "/" + REPOSITORY + "/bomb:0.1.0";
  static final String CLIMB = "oci://" + Stack.REGISTRY + "/" + REPOSITORY + "/climb:0.1.0";
  static final String HUGE = "oci://" + Stack.REGISTRY + "/" + REPOSITORY + "/huge:0.1.0";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private HostileCharts() {}

  static void push() throws Exception {
    push("bomb", archive("bomb/templates/zeros.yaml", 1L << 30));
    push("climb", archive("bomb/../../etc/cron.d/x", 10));
    byte[] noise = new byte[21 << 20];
    new Random(7).nextBytes(noise);
    push("huge", noise);
  }

  /** Chart.yaml plus one entry of {@code size} zero bytes: zeros compress a thousandfold. */
  private static byte[] archive(String entry, long size) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      byte[] chart =
          "apiVersion: v2\nname: bomb\nversion: 0.1.0\n".getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry meta = new TarArchiveEntry("bomb/Chart.yaml");
      meta.setSize(chart.length);
      tar.putArchiveEntry(meta);
      tar.write(chart);
      tar.closeArchiveEntry();
      TarArchiveEntry file = new TarArchiveEntry(entry, true);
      file.setSize(size);
      tar.putArchiveEntry(file);
      byte[] zeros = new byte[1 << 20];
      for (long left = size; left > 0; left -= zeros.length) {
        tar.write(zeros, 0, (int) Math.min(left, zeros.length));
      }
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  private static void push(String name, byte[] chart) throws Exception {
    String repository = REPOSITORY + "/" + name;
    byte[] config =
        "{\"name\":\"bomb\",\"version\":\"0.1.0\",\"apiVersion\":\"v2\"}"
            .getBytes(StandardCharsets.UTF_8);
    String configDigest = blob(repository, config);
    String chartDigest = blob(repository, chart);
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
            + "\"application/vnd.cncf.helm.config.v1+json\",\"digest\":\""
            + configDigest
            + "\",\"size\":"
            + config.length
            + "},\"layers\":"
            + "[{\"mediaType\":\"application/vnd.cncf.helm.chart.content.v1.tar+gzip\",\"digest\":\""
            + chartDigest
            + "\",\"size\":"
            + chart.length
            + "}]}";
    HttpResponse<String> put =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base(repository) + "/manifests/0.1.0"))
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString(manifest))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (put.statusCode() != 201) {
      throw new AssertionError(
          "manifest push of " + repository + ": " + put.statusCode() + " " + put.body());
    }
  }

  /**
   * The two-step monolithic upload every registry takes: POST for a location, PUT the bytes with
   * their digest.
   */
  private static String blob(String repository, byte[] bytes) throws Exception {
    String digest =
        "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    HttpResponse<String> start =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base(repository) + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String location =
        start
            .headers()
            .firstValue("Location")
            .orElseThrow(() -> new AssertionError("no upload location: " + start.statusCode()));
    URI target = URI.create(base(repository)).resolve(location);
    String sep = target.getQuery() == null ? "?" : "&";
    HttpResponse<String> put =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(target + sep + "digest=" + digest))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (put.statusCode() != 201) {
      throw new AssertionError(
          "blob push to " + repository + ": " + put.statusCode() + " " + put.body());
    }
    return digest;
  }

  private static String base(String repository) {
    return "http://" + Stack.REGISTRY + "/v2/" + repository;
  }
}
