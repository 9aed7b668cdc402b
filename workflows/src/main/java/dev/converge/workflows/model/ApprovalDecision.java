package dev.converge.workflows.model;

/**
 * The {@code approve} Update of a converge waiting for approval.
 *
 * @param planDigest the plan the decision is about: a decision on another plan is refused
 * @param approve true to apply it, false to reject it (the converge ends CANCELED, nothing written)
 * @param by who decided (the API fills in its token's name)
 */
public record ApprovalDecision(String planDigest, boolean approve, String by, String reason) {}
