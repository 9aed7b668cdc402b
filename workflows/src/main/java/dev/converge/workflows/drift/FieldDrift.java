package dev.converge.workflows.drift;

/**
 * One field that is not what the deployed revision says.
 *
 * @param path JSON pointer into the object
 * @param expected the deployed revision's value as JSON; null when it sets none
 * @param actual the live value as JSON; null when absent. Secret data and sensitive values read
 *     {@code "***"}
 */
public record FieldDrift(String path, String expected, String actual) {}
