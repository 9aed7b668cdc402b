package dev.converge.workflows.drift;

import dev.converge.workflows.model.Copies;
import java.util.List;

/**
 * A drifted object of the release.
 *
 * @param id the object's id ({@code apiVersion/Kind/namespace/name})
 * @param display {@code Kind/name} as the status table shows it
 * @param missing the object is gone from the cluster
 * @param fields what differs, when it exists
 */
public record ObjectDrift(String id, String display, boolean missing, List<FieldDrift> fields) {
  public ObjectDrift {
    fields = Copies.list(fields);
  }
}
