package dev.converge.activities.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.activities.bundle.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls a chart archive from an OCI registry ({@code oci://host/repo:tag} or {@code @sha256:...})
 * with the plain distribution API, anonymously or with the registry's anonymous bearer token.
 *
 * <p>Why not helm-java: it can template from {@code oci://} but has no pull, and we need the files
 * (to mask hooks and read {@code crds/}). Registries that need credentials are not supported.
 */
final class OciChartPuller {
  static final String CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
  private static final Pattern REF =
      Pattern.compile("oci://([^/]+)/(.+?)(?::([\\w][\\w.-]*)|@(sha256:[0-9a-f]{64}))");
  private static final Pattern CHALLENGE = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();
  private final boolean plainHttp;

  /**
   * @param plainHttp use http:// for every registry (localhost and 127.0.0.1 always use it)
   */
  OciChartPuller(boolean plainHttp) {
    this.plainHttp = plainHttp;
  }

  byte[] pull(String ref) {
    Matcher m = REF.matcher(ref);
    if (!m.matches()) {
      throw RenderFailures.failed(
          "chart " + ref + " is not oci://host/repository:tag or oci://host/repository@sha256:...");
    }
    String host = m.group(1);
    String scheme =
        plainHttp || host.startsWith("localhost") || host.startsWith("127.0.0.1")
            ? "http"
            : "https";
    String base = scheme + "://" + host + "/v2/" + m.group(2);
    String reference = m.group(3) != null ? m.group(3) : m.group(4);
    try {
      byte[] manifest =
          get(ref, base + "/manifests/" + reference, "application/vnd.oci.image.manifest.v1+json");
      if (m.group(4) != null && !Digests.sha256(manifest).equals(m.group(4))) {
        throw RenderFailures.failed("chart " + ref + ": manifest digest does not match");
      }
      for (JsonNode layer : JSON.readTree(manifest).path("layers")) {
        if (CHART_LAYER.equals(layer.path("mediaType").asText())) {
          String digest = layer.path("digest").asText();
          byte[] chart = get(ref, base + "/blobs/" + digest, "*/*");
          if (!Digests.sha256(chart).equals(digest)) {
            throw new IOException("chart layer of " + ref + " does not match its digest");
          }
          return chart;
        }
      }
      throw RenderFailures.failed("OCI artifact " + ref + " has no Helm chart layer");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pull " + ref, e); // network: retryable
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pulling " + ref, e);
    }
  }

  private byte[] get(String ref, String url, String accept)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", accept);
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() == 401) {
      String token = anonymousToken(response.headers().firstValue("WWW-Authenticate").orElse(""));
      request.header("Authorization", "Bearer " + token);
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
    if (response.statusCode() == 404) {
      throw RenderFailures.failed("chart " + ref + " not found in its registry (" + url + ")");
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      throw RenderFailures.failed("chart " + ref + ": registry refused anonymous access");
    }
    if (response.statusCode() != 200) {
      throw new IOException("GET " + url + " answered " + response.statusCode());
    }
    return response.body();
  }

  private String anonymousToken(String challenge) throws IOException, InterruptedException {
    String realm = null;
    StringBuilder query = new StringBuilder();
    for (Matcher m = CHALLENGE.matcher(challenge); m.find(); ) {
      if (m.group(1).equals("realm")) {
        realm = m.group(2);
      } else {
        query
            .append(query.length() == 0 ? "?" : "&")
            .append(m.group(1))
            .append('=')
            .append(URLEncoder.encode(m.group(2), StandardCharsets.UTF_8));
      }
    }
    if (realm == null) {
      throw RenderFailures.failed("registry wants credentials (" + challenge + ")");
    }
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(URI.create(realm + query)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    JsonNode body = JSON.readTree(response.body());
    return body.hasNonNull("token")
        ? body.get("token").asText()
        : body.path("access_token").asText();
  }
}
