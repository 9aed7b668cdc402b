package dev.converge.activities.track;

import dev.converge.workflows.model.ResourceStatus;
import java.util.List;

/** The status table as text: RESOURCE, STATE, INFO, aligned (docs/semantics.md#status-table). */
final class StatusTable {
  private StatusTable() {}

  static String format(List<ResourceStatus> rows) {
    int width = "RESOURCE".length();
    for (ResourceStatus row : rows) {
      width = Math.max(width, row.resource().length());
    }
    StringBuilder out = new StringBuilder();
    line(out, width, "RESOURCE", "STATE", "INFO");
    for (ResourceStatus row : rows) {
      line(out, width, row.resource(), row.state().name(), info(row));
    }
    return out.toString();
  }

  static String info(ResourceStatus row) {
    StringBuilder info = new StringBuilder(row.info() == null ? "" : row.info());
    if (row.errors() > 0) {
      info.append(info.length() > 0 ? ", " : "").append("errors ").append(row.errors());
    }
    if (row.lastError() != null) {
      info.append(info.length() > 0 ? ", " : "").append("last error: ").append(row.lastError());
    }
    return info.toString();
  }

  private static void line(
      StringBuilder out, int width, String resource, String state, String info) {
    out.append(String.format("%-" + width + "s  %-7s  %s", resource, state, info).stripTrailing())
        .append('\n');
  }
}
