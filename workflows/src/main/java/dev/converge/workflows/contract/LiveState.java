package dev.converge.workflows.contract;

import java.util.Map;

/**
 * What the cluster says about one object before anything is written.
 *
 * @param annotations the live object's annotations (for keep and release ownership checks)
 * @param differs a server-side dry-run apply would change the live object
 * @param immutableError set when the dry run was refused for changing an immutable field
 * @param error any other dry-run refusal (validation, admission), shown to the user as is
 */
public record LiveState(
    String id,
    boolean exists,
    String uid,
    Map<String, String> annotations,
    boolean differs,
    String immutableError,
    String error) {

  public LiveState {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  public static LiveState absent(String id) {
    return new LiveState(id, false, null, Map.of(), true, null, null);
  }
}
