package dev.converge.activities.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Trackings starting together share one informer; another client gets its own. */
@EnableKubernetesMockClient(crud = true)
class SharedInformersTest {
  KubernetesClient client;
  KubernetesMockServer server;

  @Test
  void concurrentAcquiresOfOneClientShareOneWatch() throws Exception {
    try (SharedInformers pool = new SharedInformers(Duration.ofSeconds(5))) {
      AtomicInteger created = new AtomicInteger();
      List<CompletableFuture<SharedInformers.Lease<ConfigMap>>> leases =
          List.of(1, 2, 3, 4).stream()
              .map(
                  i ->
                      CompletableFuture.supplyAsync(
                          () ->
                              pool.acquire(
                                  client,
                                  "configmaps/shop",
                                  () -> {
                                    created.incrementAndGet();
                                    return client
                                        .configMaps()
                                        .inNamespace("shop")
                                        .runnableInformer(0);
                                  },
                                  new Ignore())))
              .toList();

      List<SharedInformers.Lease<ConfigMap>> held =
          leases.stream().map(CompletableFuture::join).toList();

      assertEquals(1, created.get(), "one informer made");
      held.forEach(lease -> assertSame(held.get(0).informer(), lease.informer()));
      assertEquals(1, watches(), "one watch for the four");
      held.forEach(SharedInformers.Lease::close);
      assertEquals(1, pool.open(), "kept for the next tracking");
    }
  }

  @Test
  void anotherClientGetsItsOwnInformer() {
    try (SharedInformers pool = new SharedInformers(Duration.ZERO);
        KubernetesClient other = server.createClient()) {
      var mine =
          pool.acquire(
              client,
              "configmaps/shop",
              () -> client.configMaps().inNamespace("shop").runnableInformer(0),
              new Ignore());
      var theirs =
          pool.acquire(
              other,
              "configmaps/shop",
              () -> other.configMaps().inNamespace("shop").runnableInformer(0),
              new Ignore());

      assertNotSame(mine.informer(), theirs.informer());
      mine.close();
      theirs.close();
      assertEquals(0, pool.open(), "no linger: stopped with the last lease");
    }
  }

  private int watches() throws InterruptedException {
    int watches = 0;
    RecordedRequest request;
    while ((request = server.takeRequest(200, TimeUnit.MILLISECONDS)) != null) {
      if (request.getPath().contains("watch=true")) {
        watches++;
      }
    }
    return watches;
  }

  private static final class Ignore implements ResourceEventHandler<ConfigMap> {
    @Override
    public void onAdd(ConfigMap obj) {}

    @Override
    public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {}

    @Override
    public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {}
  }
}
