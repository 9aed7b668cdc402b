package dev.converge.workflows.converge;

import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the histories {@link ConvergeReplayTest} replays. Run by hand: it is not a test. */
public final class RecordHistories {
  private RecordHistories() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "workflows/src/test/resources/histories");
    // Name the files after the workflow code version they record (e.g. "v1-"), keep the old ones.
    String prefix = args.length > 1 ? args[1] : "";
    Files.createDirectories(dir);
    try (WorkflowTestSupport t = new WorkflowTestSupport()) {
      t.stub().converge(TestChart.request());
      Files.writeString(dir.resolve(prefix + "converge-deployed.json"), t.client.fetchHistory(TestChart.workflowId()).toJson(true));
    }
    try (WorkflowTestSupport t = new WorkflowTestSupport()) {
      t.fake.failTracking.put(TestChart.WEB.display(), "CrashLoopBackOff");
      try {
        t.stub().converge(TestChart.request());
      } catch (RuntimeException expected) {
        // the compensated path is what we want on record
      }
      Files.writeString(dir.resolve(prefix + "converge-compensated.json"), t.client.fetchHistory(TestChart.workflowId()).toJson(true));
    }
  }
}
