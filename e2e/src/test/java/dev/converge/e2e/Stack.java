package dev.converge.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The local stack started by deploy/local/up.sh (this class never starts it): paths, the checking
 * clients (kubectl, helm, temporal) and our own worker and API processes.
 */
final class Stack {
  static final Path ROOT =
      Path.of(System.getProperty("converge.root", "..")).toAbsolutePath().normalize();
  static final Path CACHE =
      Path.of(env("CONVERGE_CACHE", System.getProperty("user.home") + "/.cache/converge"));
  static final Path BIN = Path.of(env("CONVERGE_BIN", CACHE.resolve("bin").toString()));
  static final Path STATE = Path.of(env("CONVERGE_STATE", CACHE.resolve("state").toString()));
  static final Path KUBECONFIG = STATE.resolve("kubeconfig");
  static final List<String> JVM_OPTIONS = jvmOptions();
  static final String TEMPORAL = "127.0.0.1:" + env("TEMPORAL_PORT", "7233");
  static final String REGISTRY = "127.0.0.1:" + env("REGISTRY_PORT", "5000");

  /**
   * The same registry with htpasswd auth; credentials in STATE/registry-auth (deploy/local/up.sh).
   */
  static final String REGISTRY_AUTH = "127.0.0.1:" + env("REGISTRY_AUTH_PORT", "5001");

  static final int API_PORT = freePort();

  /** Our own queue: workers of another test run or of deploy/run.sh never take our tasks. */
  static final String TASK_QUEUE = "converge-e2e-" + UUID.randomUUID().toString().substring(0, 8);

  /** Bearer token our API process accepts for any context and namespace. */
  static final String API_TOKEN = "e2e-" + UUID.randomUUID();

  /**
   * Payload codec key of this run, shared by our worker, API and Java client (as in production).
   */
  static final String CODEC_KEY_ID = "e2e";

  static final String CODEC_KEY = newCodecKey();

  private Stack() {}

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String newCodecKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** deploy/jvm.options: the services' JVM flags, as deploy/run.sh and bench/ start them. */
  private static List<String> jvmOptions() {
    try {
      return List.of(Files.readString(ROOT.resolve("deploy/jvm.options")).trim().split("\\s+"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  record Result(int exit, String out, String err) {
    Result ok() {
      if (exit != 0) {
        throw new AssertionError("exit " + exit + "\nstdout: " + out + "\nstderr: " + err);
      }
      return this;
    }
  }

  static Result kubectl(String... args) {
    return run(
        concat(
            List.of(BIN.resolve("kubectl").toString(), "--kubeconfig", KUBECONFIG.toString()),
            args));
  }

  static Result helm(String... args) {
    return run(
        concat(
            List.of(BIN.resolve("helm").toString(), "--kubeconfig", KUBECONFIG.toString()), args));
  }

  static Result temporal(String... args) {
    List<String> cmd = concat(List.of("temporal"), args);
    cmd.addAll(List.of("--address", TEMPORAL));
    return run(cmd);
  }

  static Result run(List<String> command) {
    return run(command, 120);
  }

  static Result run(List<String> command, int timeoutSeconds) {
    return run(command, Map.of(), timeoutSeconds);
  }

  static Result run(List<String> command, Map<String, String> env, int timeoutSeconds) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
      builder.environment().put("PATH", BIN + ":" + System.getenv("PATH"));
      builder.environment().putAll(env);
      Path out = Files.createTempFile("e2e", ".out");
      Path err = Files.createTempFile("e2e", ".err");
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out after " + timeoutSeconds + "s: " + command);
      }
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }

  /** Our worker or API jar as its own JVM, the production shape. */
  static final class Service implements AutoCloseable {
    final String name;
    final Process process;
    final Path log;

    private Service(String name, Process process, Path log) {
      this.name = name;
      this.process = process;
      this.log = log;
    }

    static Service worker(String tag) {
      return start("worker", tag, Map.of());
    }

    /**
     * @param env extra environment, e.g. the crash point of CrashIT
     */
    static Service worker(String tag, Map<String, String> env) {
      return start("worker", tag, env);
    }

    static Service api() {
      return api(Map.of());
    }

    /**
     * @param env extra environment, e.g. a config file with more tokens
     *     (SPRING_CONFIG_ADDITIONAL_LOCATION)
     */
    static Service api(Map<String, String> env) {
      Map<String, String> all = new HashMap<>(env);
      all.put("CONVERGE_API_PORT", String.valueOf(API_PORT));
      all.put("CONVERGE_API_TOKEN", API_TOKEN);
      return start("api", "api", all);
    }

    private static Service start(String module, String tag, Map<String, String> extra) {
      try {
        Path jar = ROOT.resolve(module + "/target/" + module + "-0.1.0-SNAPSHOT.jar");
        Path log =
            Files.createDirectories(STATE.resolve("e2e-logs").resolve(TASK_QUEUE))
                .resolve(tag + ".log");
        List<String> command = new ArrayList<>(List.of("java", "-Xmx512m"));
        command.addAll(JVM_OPTIONS); // as deploy/run.sh starts them
        if (extra.containsKey("CONVERGE_CRASH_POINT")) {
          // Fault injection is no part of the worker jar: the crash suite adds it on the loader
          // path.
          command.addAll(
              List.of(
                  "-Dloader.path=" + ROOT.resolve("faults/target/faults-0.1.0-SNAPSHOT.jar"),
                  "-cp",
                  jar.toString(),
                  "org.springframework.boot.loader.launch.PropertiesLauncher"));
        } else {
          command.addAll(List.of("-jar", jar.toString()));
        }
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("KUBECONFIG", KUBECONFIG.toString());
        env.put("TEMPORAL_ADDRESS", TEMPORAL);
        env.put("CONVERGE_CHARTS_DIR", ROOT.toString());
        // Each worker its own cache, as on separate hosts: bundles are shared through the registry.
        env.put("CONVERGE_MANIFEST_DIR", STATE.resolve("e2e-bundles").resolve(tag).toString());
        env.put("CONVERGE_MANIFEST_STORE", "oci://" + REGISTRY + "/converge/bundles");
        env.put("CONVERGE_PLAIN_HTTP_REGISTRIES", REGISTRY + "," + REGISTRY_AUTH);
        env.put(
            "CONVERGE_DOCKER_CONFIG", STATE.resolve("registry-auth/docker-config.json").toString());
        env.put("CONVERGE_TASK_QUEUE", TASK_QUEUE);
        env.put("CONVERGE_CODEC_KEYS_" + CODEC_KEY_ID.toUpperCase(Locale.ROOT), CODEC_KEY);
        env.put("CONVERGE_CODEC_ACTIVE_KEY", CODEC_KEY_ID);
        env.put(
            "CONVERGE_WORKER_MANAGEMENT_PORT",
            "0"); // several workers at once, beside deploy/run.sh's
        // These ITs deploy into namespaces of their own making, as the cluster admin:
        // single-tenant,
        // asked for by name. TenancyIT starts its worker in tenant mode.
        env.put("CONVERGE_TENANCY_MODE", "single-tenant");
        env.putAll(extra);
        Service service = new Service(module, builder.start(), log);
        try {
          service.awaitStarted();
        } catch (AssertionError | IOException e) {
          service.kill9();
          throw e;
        }
        return service;
      } catch (IOException e) {
        throw new AssertionError("cannot start " + module, e);
      }
    }

    private void awaitStarted() throws IOException {
      for (int i = 0; i < 240; i++) {
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        if (text.contains("Started Converge")) {
          return;
        }
        if (!process.isAlive()) {
          throw new AssertionError(name + " exited at start:\n" + text);
        }
        sleep(250);
      }
      throw new AssertionError(name + " did not start in 60s, see " + log);
    }

    /** kill -9: no shutdown hooks, no goodbye to Temporal. */
    void kill9() {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
