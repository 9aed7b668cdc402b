package dev.converge.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code converge.slots.*}: how many tasks this worker takes from Temporal at once
 * (docs/operations.md#fairness).
 *
 * @param mode {@code cpu}: a task is taken only while the machine's CPU is under {@code cpuTarget}
 *     (the rest wait in Temporal, where tenants take turns); {@code fixed}: up to the {@code
 *     capacity} counts of the worker's Spring settings, whatever the load
 * @param cpuTarget share of the machine's CPU (0 to 1) above which no new task is taken
 * @param memoryTarget share of the JVM's heap above which no new task is taken
 * @param minimum tasks of each kind always taken, whatever the load
 * @param activities most activity tasks at once in {@code cpu} mode
 * @param workflowTasks most workflow tasks at once in {@code cpu} mode
 */
@ConfigurationProperties("converge.slots")
public record SlotSettings(
    String mode,
    double cpuTarget,
    double memoryTarget,
    int minimum,
    int activities,
    int workflowTasks) {
  public SlotSettings {
    mode = mode == null || mode.isBlank() ? "cpu" : mode;
    if (!mode.equals("cpu") && !mode.equals("fixed")) {
      throw new IllegalArgumentException("converge.slots.mode: cpu or fixed, not " + mode);
    }
    cpuTarget = share("cpu-target", cpuTarget, 0.8);
    memoryTarget = share("memory-target", memoryTarget, 0.9);
    minimum = minimum <= 0 ? 2 : minimum;
    activities = activities <= 0 ? 200 : activities;
    workflowTasks = workflowTasks <= 0 ? 200 : workflowTasks;
  }

  private static double share(String name, double value, double fallback) {
    if (value == 0) {
      return fallback;
    }
    if (value < 0 || value > 1) {
      throw new IllegalArgumentException("converge.slots." + name + ": from 0 to 1, not " + value);
    }
    return value;
  }
}
