package dev.converge.activities.release;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For tests: keeps the encoded text, as the Secret store does, so every read goes through the codec
 * and the size check applies the same way.
 */
public final class InMemoryReleaseStore implements ReleaseStore {
  private final Map<String, String> records = new ConcurrentHashMap<>();

  @Override
  public List<HelmRelease> history(String namespace, String release) {
    return records.entrySet().stream()
        .filter(e -> e.getKey().startsWith(namespace + "/"))
        .map(e -> HelmReleaseCodec.decode(e.getValue()))
        .filter(r -> release.equals(r.name()))
        .sorted(Comparator.comparingInt(HelmRelease::version))
        .toList();
  }

  @Override
  public Optional<HelmRelease> get(String namespace, String release, int version) {
    return Optional.ofNullable(records.get(id(namespace, release, version)))
        .map(HelmReleaseCodec::decode);
  }

  @Override
  public void create(HelmRelease release) {
    String encoded = encodeChecked(release);
    String id = id(release.namespace(), release.name(), release.version());
    if (records.putIfAbsent(id, encoded) != null) {
      throw new ReleaseExistsException(ReleaseStore.key(release.name(), release.version()));
    }
  }

  @Override
  public void update(HelmRelease release) {
    records.put(id(release.namespace(), release.name(), release.version()), encodeChecked(release));
  }

  @Override
  public void delete(String namespace, String release, int version) {
    records.remove(id(namespace, release, version));
  }

  private static String encodeChecked(HelmRelease release) {
    String encoded = HelmReleaseCodec.encode(release);
    HelmReleaseCodec.checkSize(ReleaseStore.key(release.name(), release.version()), encoded);
    return encoded;
  }

  private static String id(String namespace, String release, int version) {
    return namespace + "/" + ReleaseStore.key(release, version);
  }
}
