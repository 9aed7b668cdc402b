package dev.converge.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.temporal.worker.WorkerOptions;
import io.temporal.worker.tuning.ResourceBasedTuner;
import org.junit.jupiter.api.Test;

class WorkerSlotsTest {
  @Test
  void byDefaultSlotsFollowTheMachinesCpuInsteadOfTheFixedCounts() {
    SlotSettings defaults = new SlotSettings(null, 0, 0, 0, 0, 0);
    assertEquals("cpu", defaults.mode());
    assertEquals(0.8, defaults.cpuTarget());
    WorkerOptions options =
        WorkerSlots.apply(
                defaults,
                WorkerOptions.newBuilder()
                    .setMaxConcurrentActivityExecutionSize(200)
                    .setMaxConcurrentWorkflowTaskExecutionSize(200))
            .validateAndBuildWithDefaults();
    assertInstanceOf(ResourceBasedTuner.class, options.getWorkerTuner());
  }

  @Test
  void fixedKeepsTheCapacityCountsAndOneSlotStaysOne() {
    WorkerOptions fixed =
        WorkerSlots.apply(
                new SlotSettings("fixed", 0, 0, 0, 0, 0),
                WorkerOptions.newBuilder().setMaxConcurrentActivityExecutionSize(7))
            .validateAndBuildWithDefaults();
    assertNull(fixed.getWorkerTuner());
    assertEquals(7, fixed.getMaxConcurrentActivityExecutionSize());
    WorkerOptions one =
        WorkerSlots.apply(new SlotSettings("cpu", 0.5, 0, 0, 1, 0), WorkerOptions.newBuilder())
            .validateAndBuildWithDefaults();
    assertInstanceOf(ResourceBasedTuner.class, one.getWorkerTuner());
    // one slot (FairnessIT's worker) is one, not raised to the minimum of two
    assertEquals(1, WorkerSlots.slots(2, 1).getMinimumSlots());
    assertEquals(1, WorkerSlots.slots(2, 1).getMaximumSlots());
  }

  @Test
  void aModeOrShareOutOfRangeStopsTheWorkerAtStartNamingTheSetting() {
    IllegalArgumentException mode =
        assertThrows(IllegalArgumentException.class, () -> new SlotSettings("auto", 0, 0, 0, 0, 0));
    assertEquals("converge.slots.mode: cpu or fixed, not auto", mode.getMessage());
    IllegalArgumentException share =
        assertThrows(IllegalArgumentException.class, () -> new SlotSettings("cpu", 80, 0, 0, 0, 0));
    assertEquals("converge.slots.cpu-target: from 0 to 1, not 80.0", share.getMessage());
  }
}
