package dev.converge.activities.oci;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.converge.registry.Digests;
import dev.converge.registry.HelmArtifacts;
import dev.converge.registry.Registries;
import dev.converge.registry.RegistrySettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Enough of the OCI distribution API, in process, for oras-java's pull, push and copy: manifests
 * and blobs per repository, monolithic and two-step uploads, and optional basic authentication. The
 * real tier runs the same flows against Debian's docker-registry.
 */
public final class FakeRegistry implements AutoCloseable {
  private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");
  private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/(sha256:[0-9a-f]{64})");
  private static final Pattern UPLOAD = Pattern.compile("/v2/(.+)/blobs/uploads/([^/]*)");

  /** The JDK server warns about every HEAD answer that names a length, which registries must. */
  private static final Logger QUIET = Logger.getLogger("com.sun.net.httpserver");

  static {
    QUIET.setLevel(Level.SEVERE);
  }

  private final HttpServer server;
  private final String credentials;
  final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  final Map<String, String> manifestTypes = new ConcurrentHashMap<>();

  /** repository:tag -> digest */
  final Map<String, String> tags = new ConcurrentHashMap<>();

  final AtomicInteger writes = new AtomicInteger();

  /**
   * @param credentials user:password required on every call; null: anonymous
   */
  public FakeRegistry(String credentials) throws IOException {
    this.credentials = credentials;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /**
   * Stores a Helm chart under {@code repository:tag} as {@code helm push} would; returns the
   * manifest digest.
   */
  public String putChart(String repository, String tag, byte[] chart) {
    byte[] config = "{\"name\":\"chart\"}".getBytes(StandardCharsets.UTF_8);
    blobs.put(Digests.sha256(config), config);
    blobs.put(Digests.sha256(chart), chart);
    byte[] manifest =
        HelmArtifacts.manifest(config, chart, Map.of()).getBytes(StandardCharsets.UTF_8);
    String digest = Digests.sha256(manifest);
    blobs.put(digest, manifest);
    manifestTypes.put(digest, HelmArtifacts.MANIFEST);
    tags.put(repository + ":" + tag, digest);
    return digest;
  }

  /** Registry access to this registry over plain HTTP, anonymous. */
  public Registries registries() {
    return new Registries(
        new RegistrySettings(null, Map.of(host(), new RegistrySettings.Host(true, null, null))));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (credentials != null) {
        String expected =
            "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
          exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake\"");
          send(
              exchange,
              401,
              "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}".getBytes(StandardCharsets.UTF_8));
          return;
        }
      }
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      Matcher m;
      if (path.equals("/v2/") || path.equals("/v2")) {
        send(exchange, 200, new byte[0]);
      } else if ((m = UPLOAD.matcher(path)).matches()) {
        upload(exchange, m.group(1), query(exchange, "digest"));
      } else if ((m = MANIFEST.matcher(path)).matches()) {
        manifest(exchange, method, m.group(1), m.group(2));
      } else if ((m = BLOB.matcher(path)).matches()) {
        byte[] blob = blobs.get(m.group(2));
        if (blob == null) {
          send(exchange, 404, new byte[0]);
        } else {
          exchange.getResponseHeaders().add("Docker-Content-Digest", m.group(2));
          send(exchange, 200, method.equals("HEAD") ? null : blob, blob.length);
        }
      } else {
        send(exchange, 404, new byte[0]);
      }
    }
  }

  private void upload(HttpExchange exchange, String repository, String digest) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (digest == null) {
      // Two-step upload (also the answer to a mount we do not do): PUT the data to the location.
      exchange
          .getResponseHeaders()
          .add("Location", "/v2/" + repository + "/blobs/uploads/" + UUID.randomUUID());
      send(exchange, 202, new byte[0]);
      return;
    }
    if (!Digests.sha256(body).equals(digest)) {
      send(
          exchange,
          400,
          "{\"errors\":[{\"code\":\"DIGEST_INVALID\"}]}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    blobs.put(digest, body);
    writes.incrementAndGet();
    exchange.getResponseHeaders().add("Location", "/v2/" + repository + "/blobs/" + digest);
    exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
    send(exchange, 201, new byte[0]);
  }

  private void manifest(HttpExchange exchange, String method, String repository, String reference)
      throws IOException {
    if (method.equals("PUT")) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String digest = Digests.sha256(body);
      blobs.put(digest, body);
      manifestTypes.put(digest, exchange.getRequestHeaders().getFirst("Content-Type"));
      if (!reference.startsWith("sha256:")) {
        tags.put(repository + ":" + reference, digest);
      }
      writes.incrementAndGet();
      exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
      exchange.getResponseHeaders().add("Location", "/v2/" + repository + "/manifests/" + digest);
      send(exchange, 201, new byte[0]);
      return;
    }
    String digest =
        reference.startsWith("sha256:") ? reference : tags.get(repository + ":" + reference);
    byte[] body = digest == null ? null : blobs.get(digest);
    if (body == null || !manifestTypes.containsKey(digest)) {
      send(
          exchange,
          404,
          "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    exchange.getResponseHeaders().add("Content-Type", manifestTypes.get(digest));
    exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
    send(exchange, 200, method.equals("HEAD") ? null : body, body.length);
  }

  private static String query(HttpExchange exchange, String key) {
    String query = exchange.getRequestURI().getQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith(key + "=")) {
        return pair.substring(key.length() + 1);
      }
    }
    return null;
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    send(exchange, status, body, body.length);
  }

  private static void send(HttpExchange exchange, int status, byte[] body, long length)
      throws IOException {
    if (body == null) {
      exchange.getResponseHeaders().add("Content-Length", String.valueOf(length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }
}
