package dev.converge.api;

import dev.converge.api.converge.RunStatus;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.model.Outcome;
import dev.converge.workflows.model.Phase;
import dev.converge.workflows.model.Progress;
import dev.converge.workflows.model.ResourceStatus;
import java.time.Instant;
import java.util.List;

/** Runs and reports as Temporal would hand them back. */
public final class Fixtures {
  public static final Instant START = Instant.parse("2026-11-02T10:00:00Z");

  private Fixtures() {}

  public static ConvergeResult deployed() {
    return new ConvergeResult(
        "shop",
        "shop",
        "default",
        3,
        Outcome.DEPLOYED,
        DeployType.UPGRADE,
        null,
        null,
        List.of("update Deployment/shop/shop-web"),
        List.of(),
        List.of(),
        List.of(),
        List.of(
            new ResourceStatus(
                "Deployment/shop/shop-web",
                ResourceStatus.State.READY,
                "Ready 1/1",
                0,
                null,
                List.of())),
        4200,
        "examples/shop");
  }

  public static ConvergeResult failed() {
    return new ConvergeResult(
        "shop",
        "shop",
        "default",
        4,
        Outcome.FAILED,
        DeployType.UPGRADE,
        Phase.TRACK,
        "Deployment/shop/broken-app: CrashLoopBackOff",
        List.of(),
        List.of("track Deployment/shop/broken-app: CrashLoopBackOff"),
        List.of(),
        List.of("Deployment/shop/broken-app"),
        List.of(),
        9000,
        "examples/shop");
  }

  public static Progress progress(String info, List<String> logs) {
    return new Progress(
        Phase.TRACK,
        "MAIN weight 0",
        3,
        List.of(ResourceStatus.waiting("Deployment/shop/shop-web", info)),
        logs);
  }

  public static RunStatus running(Progress progress) {
    return new RunStatus(
        ApiSliceTest.ID, "run-1", "RUNNING", "RUNNING", START, null, progress, null, null);
  }

  public static RunStatus completed() {
    return new RunStatus(
        ApiSliceTest.ID,
        "run-1",
        "COMPLETED",
        "DEPLOYED",
        START,
        START.plusSeconds(5),
        null,
        deployed(),
        null);
  }

  public static RunStatus failedRun() {
    return new RunStatus(
        ApiSliceTest.ID,
        "run-1",
        "FAILED",
        "FAILED",
        START,
        START.plusSeconds(9),
        null,
        failed(),
        failed().error());
  }
}
