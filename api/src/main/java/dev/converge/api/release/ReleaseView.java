package dev.converge.api.release;

import java.util.List;

/** A release's revisions, newest first. */
public record ReleaseView(
    String release, String namespace, String kubeContext, List<Revision> revisions) {
  public ReleaseView {
    revisions = List.copyOf(revisions);
  }
}
