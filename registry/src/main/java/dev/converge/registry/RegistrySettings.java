package dev.converge.registry;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the worker reaches registries. Credentials come from per-registry settings first, then from a
 * Docker config file ({@code auths}, {@code credHelpers}, {@code credsStore}), as docker, helm and
 * werf read them. HTTPS unless a registry is configured for plain HTTP: never guessed from its
 * name.
 *
 * @param dockerConfig a Docker {@code config.json}; null or missing: no stored credentials
 * @param hosts per registry ({@code host[:port]}) settings
 */
public record RegistrySettings(Path dockerConfig, Map<String, Host> hosts) {

  public RegistrySettings {
    hosts = hosts == null ? Map.of() : Map.copyOf(hosts);
  }

  public static RegistrySettings none() {
    return new RegistrySettings(null, Map.of());
  }

  public Host host(String name) {
    return hosts.getOrDefault(name, Host.DEFAULT);
  }

  /**
   * @param plainHttp speak http:// to this registry (a local one)
   * @param username with password: basic credentials, before any from the Docker config
   */
  public record Host(boolean plainHttp, String username, String password) {
    static final Host DEFAULT = new Host(false, null, null);

    boolean hasCredentials() {
      return username != null && !username.isBlank();
    }
  }
}
