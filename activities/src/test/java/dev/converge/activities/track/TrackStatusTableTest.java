package dev.converge.activities.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.converge.workflows.model.ResourceStatus;
import dev.converge.workflows.model.ResourceStatus.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackStatusTableTest {

  @Test
  void columnsAreAlignedAndInfoCarriesErrors() {
    String table =
        StatusTable.format(
            List.of(
                new ResourceStatus(
                    "Deployment/shop/web",
                    State.WAITING,
                    "1/2 updated, 1 available",
                    1,
                    "pod web-1 container app: CrashLoopBackOff",
                    List.of()),
                new ResourceStatus(
                    "Job/shop/migrate",
                    State.READY,
                    "1 succeeded, 0 active, 0 failed",
                    0,
                    null,
                    List.of())));
    assertEquals(
        "RESOURCE             STATE    INFO\n"
            + "Deployment/shop/web  WAITING  1/2 updated, 1 available, errors 1, last error: pod"
            + " web-1 container app: CrashLoopBackOff\n"
            + "Job/shop/migrate     READY    1 succeeded, 0 active, 0 failed\n",
        table);
  }
}
