package dev.converge.api.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One revision of a release as Helm's Secret labels describe it. The record itself (values,
 * manifest) is never decoded here: values may hold secrets, and this view is for auditors.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Revision(
    int revision, String status, Instant modifiedAt, Instant createdAt, String secret) {}
