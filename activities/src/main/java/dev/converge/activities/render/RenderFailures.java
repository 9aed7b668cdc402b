package dev.converge.activities.render;

import io.temporal.failure.ApplicationFailure;

/** The one failure type for mistakes in the chart or the request: retrying cannot fix them. */
final class RenderFailures {
  static final String TYPE = "RenderFailed";

  private RenderFailures() {}

  static ApplicationFailure failed(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, TYPE);
  }
}
