package dev.converge.api.converge;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** One past or current run, from Temporal visibility (search attributes, no history read). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSummary(
    String workflowId,
    String runId,
    String status,
    String outcome,
    String release,
    String namespace,
    String kubeContext,
    Long revision,
    Instant startTime,
    Instant closeTime) {}
