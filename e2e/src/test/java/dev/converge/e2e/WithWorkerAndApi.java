package dev.converge.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the ITs that need our worker and API running for the whole class. */
abstract class WithWorkerAndApi {
  protected static Stack.Service worker;
  protected static Stack.Service api;

  @BeforeAll
  static void startWorkerAndApi() {
    worker = Stack.Service.worker("worker-" + System.nanoTime());
    api = Stack.Service.api();
  }

  @AfterAll
  static void stopWorkerAndApi() {
    if (api != null) {
      api.close();
    }
    if (worker != null) {
      worker.close();
    }
  }
}
