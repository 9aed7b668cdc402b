package dev.converge.worker;

import dev.converge.workflows.WorkflowType;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.Arrays;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Registers every {@link WorkflowType} on the worker, from the one list the API starts from, so a
 * new type needs no line in application.yml. It runs once all beans exist (the starter's worker
 * among them) and before the starter starts the factory on ApplicationReadyEvent.
 */
@Component
class WorkflowRegistration implements SmartInitializingSingleton {
  private final WorkerFactory factory;
  private final String taskQueue;

  WorkflowRegistration(
      WorkerFactory factory, @Value("${spring.temporal.workers[0].task-queue}") String taskQueue) {
    this.factory = factory;
    this.taskQueue = taskQueue;
  }

  @Override
  public void afterSingletonsInstantiated() {
    Worker worker;
    try {
      worker = factory.getWorker(taskQueue);
    } catch (IllegalArgumentException e) {
      worker = null;
    }
    if (worker == null) {
      throw new IllegalStateException("no Temporal worker polls task queue " + taskQueue);
    }
    worker.registerWorkflowImplementationTypes(implementations());
  }

  static Class<?>[] implementations() {
    return Arrays.stream(WorkflowType.values())
        .map(WorkflowType::implementation)
        .toArray(Class<?>[]::new);
  }
}
