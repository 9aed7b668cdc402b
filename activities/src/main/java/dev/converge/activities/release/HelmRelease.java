package dev.converge.activities.release;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helm v3's release record ({@code helm.sh/helm/v3/pkg/release.Release}), field for field, in Go's
 * field order and with Go's {@code omitempty} choices. The chart stays an untyped map and every
 * record keeps the fields it does not know in {@code extra}: a record Helm wrote (chart templates,
 * values, files, {@code info.resources}, ...) survives our status updates intact.
 */
@JsonPropertyOrder({"name", "info", "chart", "config", "manifest", "hooks", "version", "namespace"})
public record HelmRelease(
    @JsonInclude(Include.NON_EMPTY) String name,
    @JsonInclude(Include.NON_NULL) Info info,
    @JsonInclude(Include.NON_NULL) Map<String, Object> chart,
    @JsonInclude(Include.NON_EMPTY) Map<String, Object> config,
    @JsonInclude(Include.NON_EMPTY) String manifest,
    @JsonInclude(Include.NON_EMPTY) List<Hook> hooks,
    @JsonInclude(Include.NON_DEFAULT) int version,
    @JsonInclude(Include.NON_EMPTY) String namespace,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

  public HelmRelease {
    config = config == null ? Map.of() : config;
    hooks = hooks == null ? List.of() : List.copyOf(hooks);
    manifest = manifest == null ? "" : manifest;
    extra = extra == null ? new LinkedHashMap<>() : extra;
  }

  /** A copy with another status and description, as every status change is written. */
  public HelmRelease withStatus(String status, String description) {
    return new HelmRelease(
        name,
        info.with(status, description),
        chart,
        config,
        manifest,
        hooks,
        version,
        namespace,
        extra);
  }

  public String status() {
    return info == null ? null : info.status();
  }

  /** {@code helm.sh/helm/v3/pkg/release.Info}; times are Go text, see {@link GoTime}. */
  @JsonPropertyOrder({
    "first_deployed",
    "last_deployed",
    "deleted",
    "description",
    "status",
    "notes"
  })
  public record Info(
      @JsonProperty("first_deployed") String firstDeployed,
      @JsonProperty("last_deployed") String lastDeployed,
      String deleted,
      @JsonInclude(Include.NON_EMPTY) String description,
      @JsonInclude(Include.NON_EMPTY) String status,
      @JsonInclude(Include.NON_EMPTY) String notes,
      @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public Info {
      // Helm's time type writes the zero time as "", never omits it.
      firstDeployed = firstDeployed == null ? "" : firstDeployed;
      lastDeployed = lastDeployed == null ? "" : lastDeployed;
      deleted = deleted == null ? "" : deleted;
      extra = extra == null ? new LinkedHashMap<>() : extra;
    }

    public Info with(String newStatus, String newDescription) {
      return new Info(
          firstDeployed, lastDeployed, deleted, newDescription, newStatus, notes, extra);
    }
  }

  /** {@code helm.sh/helm/v3/pkg/release.Hook}. */
  @JsonPropertyOrder({
    "name",
    "kind",
    "path",
    "manifest",
    "events",
    "last_run",
    "weight",
    "delete_policies"
  })
  public record Hook(
      @JsonInclude(Include.NON_EMPTY) String name,
      @JsonInclude(Include.NON_EMPTY) String kind,
      @JsonInclude(Include.NON_EMPTY) String path,
      @JsonInclude(Include.NON_EMPTY) String manifest,
      @JsonInclude(Include.NON_EMPTY) List<String> events,
      @JsonProperty("last_run") HookExecution lastRun,
      @JsonInclude(Include.NON_DEFAULT) int weight,
      @JsonInclude(Include.NON_EMPTY) @JsonProperty("delete_policies") List<String> deletePolicies,
      @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public Hook {
      events = events == null ? List.of() : List.copyOf(events);
      deletePolicies = deletePolicies == null ? List.of() : List.copyOf(deletePolicies);
      lastRun = lastRun == null ? HookExecution.NEVER : lastRun;
      extra = extra == null ? new LinkedHashMap<>() : extra;
    }
  }

  /** {@code helm.sh/helm/v3/pkg/release.HookExecution}: Go always writes it, phase included. */
  @JsonPropertyOrder({"started_at", "completed_at", "phase"})
  public record HookExecution(
      @JsonProperty("started_at") String startedAt,
      @JsonProperty("completed_at") String completedAt,
      String phase) {

    public static final HookExecution NEVER = new HookExecution("", "", "");

    public HookExecution {
      startedAt = startedAt == null ? "" : startedAt;
      completedAt = completedAt == null ? "" : completedAt;
      phase = phase == null ? "" : phase;
    }
  }
}
