package dev.converge.registry;

import dev.converge.workflows.model.OciReference;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import land.oras.ContainerRef;
import land.oras.Registry;
import land.oras.auth.AuthProvider;
import land.oras.auth.AuthStore;
import land.oras.auth.AuthStoreAuthenticationProvider;
import land.oras.auth.NoAuthProvider;
import land.oras.auth.UsernamePasswordProvider;

/** oras-java registry clients built from {@link RegistrySettings}, one per call site. */
public final class Registries implements AutoCloseable {
  /** oras-java's own transfer threads are not daemons and would keep a stopped worker alive. */
  private final ExecutorService transfers =
      Executors.newFixedThreadPool(
          4,
          runnable -> {
            Thread thread = new Thread(runnable, "oras-transfer");
            thread.setDaemon(true);
            return thread;
          });

  private final RegistrySettings settings;
  private final AuthProvider dockerConfig;

  public Registries(RegistrySettings settings) {
    this.settings = settings;
    this.dockerConfig =
        settings.dockerConfig() != null && Files.isRegularFile(settings.dockerConfig())
            ? new AuthStoreAuthenticationProvider(
                AuthStore.newStore(List.of(settings.dockerConfig())))
            : new NoAuthProvider();
  }

  public Registry registry(OciReference ref) {
    RegistrySettings.Host host = settings.host(ref.host());
    AuthProvider auth =
        host.hasCredentials()
            ? new UsernamePasswordProvider(
                host.username(), host.password() == null ? "" : host.password())
            : dockerConfig;
    return Registry.builder()
        .withInsecure(host.plainHttp())
        .withAuthProvider(auth)
        .withExecutorService(transfers)
        .build();
  }

  /** {@code host/repository[:tag][@digest]} as oras-java names it. */
  public static ContainerRef containerRef(OciReference ref) {
    return ContainerRef.parse(
        ref.host()
            + "/"
            + ref.repository()
            + (ref.tag() == null ? "" : ":" + ref.tag())
            + (ref.digest() == null ? "" : "@" + ref.digest()));
  }

  @Override
  public void close() {
    transfers.shutdownNow();
  }
}
