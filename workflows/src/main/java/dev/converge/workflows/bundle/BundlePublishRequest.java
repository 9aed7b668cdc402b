package dev.converge.workflows.bundle;

import dev.converge.workflows.model.Copies;
import dev.converge.workflows.model.OciReference;
import dev.converge.workflows.model.ValuesSource;
import java.util.List;
import java.util.Map;

/**
 * The one input of a {@code BundlePublishWorkflow}: a chart and its values as a converge takes
 * them, and where the bundle goes. Built only by {@link BundleRequests#publish}.
 *
 * @param repository {@code oci://host/repository}
 * @param tag the tag to publish; never overwritten with other content
 */
public record BundlePublishRequest(
    String chart,
    Map<String, Object> values,
    List<String> valuesFiles,
    List<String> setJson,
    List<String> set,
    List<String> setString,
    List<String> setFile,
    String env,
    String repository,
    String tag)
    implements ValuesSource {

  public BundlePublishRequest {
    values = values == null ? Map.of() : values;
    valuesFiles = Copies.list(valuesFiles);
    setJson = Copies.list(setJson);
    set = Copies.list(set);
    setString = Copies.list(setString);
    setFile = Copies.list(setFile);
  }

  /** {@code oci://host/repository:tag} */
  public OciReference target() {
    return OciReference.parseRepository(repository, false).withTag(tag);
  }

  /** One writer per tag at a time: publish and copy of one tag share this id. */
  public String workflowId() {
    return BundleRequests.workflowId(target());
  }
}
