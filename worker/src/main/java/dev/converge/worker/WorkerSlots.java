package dev.converge.worker;

import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.tuning.ResourceBasedControllerOptions;
import io.temporal.worker.tuning.ResourceBasedSlotOptions;
import io.temporal.worker.tuning.ResourceBasedTuner;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Takes tasks only while the machine has CPU to spare. Temporal's fairness orders the tasks still
 * waiting on the server; a task already in a worker competes with every other for the cores, so a
 * worker that takes all 200 it is allowed leaves nothing to order (docs/operations.md#fairness).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlotSettings.class)
class WorkerSlots {
  // The wait between two slots handed out under load: the last task's CPU shows before the next.
  private static final Duration RAMP = Duration.ofMillis(50);

  @Bean
  WorkerOptionsCustomizer slotsFromLoad(SlotSettings settings) {
    return (builder, workerName, taskQueue) -> apply(settings, builder);
  }

  static WorkerOptions.Builder apply(SlotSettings settings, WorkerOptions.Builder builder) {
    if (settings.mode().equals("fixed")) {
      return builder;
    }
    ResourceBasedControllerOptions controller =
        ResourceBasedControllerOptions.newBuilder(settings.memoryTarget(), settings.cpuTarget())
            .build();
    return builder
        // the SDK refuses fixed counts beside a tuner: the tuner's maximums take their place
        .setMaxConcurrentActivityExecutionSize(0)
        .setMaxConcurrentWorkflowTaskExecutionSize(0)
        .setMaxConcurrentLocalActivityExecutionSize(0)
        .setWorkerTuner(
            ResourceBasedTuner.newBuilder()
                .setControllerOptions(controller)
                .setWorkflowSlotOptions(slots(settings.minimum(), settings.workflowTasks()))
                .setActivitySlotOptions(slots(settings.minimum(), settings.activities()))
                .setLocalActivitySlotOptions(slots(settings.minimum(), settings.activities()))
                .build());
  }

  static ResourceBasedSlotOptions slots(int minimum, int maximum) {
    return ResourceBasedSlotOptions.newBuilder()
        .setMinimumSlots(Math.min(minimum, maximum))
        .setMaximumSlots(maximum)
        .setRampThrottle(RAMP)
        .build();
  }
}
