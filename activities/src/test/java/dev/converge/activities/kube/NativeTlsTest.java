package dev.converge.activities.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.vertx.core.net.OpenSSLEngineOptions;
import org.junit.jupiter.api.Test;

/** The client's requests go through BoringSSL where its library loads. */
class NativeTlsTest {

  @Test
  void requestsWorkOverNativeTls() {
    assumeTrue(OpenSSLEngineOptions.isAvailable(), "no BoringSSL library for this platform");
    KubernetesMockServer server = new KubernetesMockServer(true);
    server.init();
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/shop")
        .andReturn(
            200, new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build())
        .always();
    try {
      Config config = server.createClient().getConfiguration();
      NativeTls.Factory factory = (NativeTls.Factory) NativeTls.factory(config);
      try (KubernetesClient client =
          new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(factory).build()) {
        assertEquals("shop", client.namespaces().withName("shop").get().getMetadata().getName());
      }
      assertTrue(factory.engineSet(), "the request went through the native engine");
    } finally {
      server.destroy();
    }
  }
}
