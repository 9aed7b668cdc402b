package dev.converge.worker;

import dev.converge.workflows.drift.DriftResult;
import dev.converge.workflows.model.ConvergeResult;
import dev.converge.workflows.model.Outcome;
import io.temporal.common.converter.Values;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Counts converges where they run, without touching the deterministic workflow code. A workflow
 * method runs again on every replay (another worker taking over, a query on a closed run), so
 * meters move only when {@link Workflow#isReplaying()} is false: once per real start and end.
 */
public class ConvergeMetricsInterceptor extends WorkerInterceptorBase {
  static final String WORKFLOW_TYPE = "ConvergeWorkflow";
  static final String DRIFT_TYPE = "DriftWorkflow";
  private final ConvergeMetrics metrics;

  public ConvergeMetricsInterceptor(ConvergeMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        if (DRIFT_TYPE.equals(Workflow.getInfo().getWorkflowType())) {
          WorkflowOutput output = super.execute(input);
          if (!Workflow.isReplaying() && output.getResult() instanceof DriftResult result) {
            metrics.driftChecked(result);
          }
          return output;
        }
        if (!WORKFLOW_TYPE.equals(Workflow.getInfo().getWorkflowType())) {
          return super.execute(input);
        }
        if (!Workflow.isReplaying()) {
          metrics.started();
        }
        try {
          WorkflowOutput output = super.execute(input);
          ConvergeResult report = output.getResult() instanceof ConvergeResult r ? r : null;
          end(report == null ? Outcome.DEPLOYED : report.outcome(), report);
          return output;
        } catch (CanceledFailure e) {
          end(Outcome.CANCELED, report(e.getDetails()));
          throw e;
        } catch (TemporalFailure e) {
          end(
              Outcome.FAILED,
              e instanceof ApplicationFailure app ? report(app.getDetails()) : null);
          throw e;
        }
        // Any other exception fails the workflow task, not the run: it is retried, nothing ended.
      }
    };
  }

  private void end(Outcome outcome, ConvergeResult report) {
    if (Workflow.isReplaying()) {
      return;
    }
    long elapsed = Workflow.currentTimeMillis() - Workflow.getInfo().getRunStartedTimestampMillis();
    metrics.ended(
        outcome,
        Duration.ofMillis(Math.max(0, elapsed)),
        report == null ? 0 : report.compensated().size());
  }

  private static ConvergeResult report(Values details) {
    try {
      return details != null && details.getSize() > 0 ? details.get(ConvergeResult.class) : null;
    } catch (RuntimeException notAReport) {
      return null; // e.g. InvalidRequest carries the list of problems
    }
  }
}
