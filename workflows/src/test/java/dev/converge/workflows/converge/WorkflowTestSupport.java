package dev.converge.workflows.converge;

import dev.converge.workflows.WorkflowType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.Arrays;

/** A test Temporal with our search attributes, one worker and the fakes registered. */
final class WorkflowTestSupport implements AutoCloseable {
  final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  final FakeActivities fake = new FakeActivities();
  final WorkflowClient client;

  WorkflowTestSupport() {
    env.registerSearchAttribute("ConvergeRelease", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute("ConvergeNamespace", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute("ConvergeKubeContext", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute("ConvergeOutcome", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute("ConvergeRevision", IndexedValueType.INDEXED_VALUE_TYPE_INT);
    env.registerSearchAttribute("ConvergeDrift", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    Worker worker = env.newWorker(ConvergeWorkflow.TASK_QUEUE);
    // Every type the worker runs, as it registers them: a new type needs no line here.
    worker.registerWorkflowImplementationTypes(
        Arrays.stream(WorkflowType.values())
            .map(WorkflowType::implementation)
            .toArray(Class<?>[]::new));
    worker.registerActivitiesImplementations(fake);
    env.start();
    client = env.getWorkflowClient();
  }

  ConvergeWorkflow stub(String workflowId) {
    return client.newWorkflowStub(
        ConvergeWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(ConvergeWorkflow.TASK_QUEUE)
            .setWorkflowId(workflowId)
            .build());
  }

  ConvergeWorkflow stub() {
    return stub(TestChart.workflowId());
  }

  @Override
  public void close() {
    env.close();
  }
}
