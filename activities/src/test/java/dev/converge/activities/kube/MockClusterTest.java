package dev.converge.activities.kube;

import dev.converge.activities.manifest.InMemoryManifestStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the cluster activity tests: a fresh CRUD mock (with apply support) per test. */
abstract class MockClusterTest {
  protected KubernetesMockServer server;
  protected KubernetesClient client;
  protected InMemoryManifestStore store;
  protected ClusterActivitiesImpl cluster;

  @BeforeEach
  void startMockCluster() {
    server = ApplyAwareCrudDispatcher.newServer();
    client = server.createClient();
    store = new InMemoryManifestStore();
    cluster = new ClusterActivitiesImpl(KubeClients.of(client), store);
  }

  @AfterEach
  void stopMockCluster() {
    client.close();
    server.destroy();
  }
}
