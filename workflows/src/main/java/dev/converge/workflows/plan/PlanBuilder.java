package dev.converge.workflows.plan;

import dev.converge.workflows.contract.Annotations;
import dev.converge.workflows.contract.LiveState;
import dev.converge.workflows.contract.OperationType;
import dev.converge.workflows.model.DeployType;
import dev.converge.workflows.plan.Plan.StagePlan;
import dev.converge.workflows.plan.Plan.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the plan from classified resources and what the cluster said about them. Pure: the same
 * input always gives the same plan, and nothing here touches a cluster.
 */
public final class PlanBuilder {
  private PlanBuilder() {}

  /**
   * @param resources this chart's resources
   * @param previous the last revision's resources, for pruning
   * @param live live state by resource id, for both lists
   * @param trackAll track unchanged resources too (the last revision failed, or none exists)
   * @param event the hook event: {@code install}, {@code upgrade}, {@code rollback}, {@code delete}
   */
  public record Input(
      String release,
      String namespace,
      DeployType deployType,
      List<ClassifiedResource> resources,
      List<ClassifiedResource> previous,
      Map<String, LiveState> live,
      boolean trackAll,
      String event) {

    public Input(
        String release,
        String namespace,
        DeployType deployType,
        List<ClassifiedResource> resources,
        List<ClassifiedResource> previous,
        Map<String, LiveState> live,
        boolean trackAll) {
      this(release, namespace, deployType, resources, previous, live, trackAll, deployType.event());
    }
  }

  public static Plan build(Input in) {
    List<String> errors = new ArrayList<>();
    Map<Stage, List<ClassifiedResource>> byStage = assignStages(in);
    List<StagePlan> stages = new ArrayList<>();
    stages.add(new StagePlan(Stage.PRUNE, prune(in)));
    for (Stage stage : List.of(Stage.INIT, Stage.PRE_HOOKS, Stage.MAIN, Stage.POST_HOOKS)) {
      List<ClassifiedResource> members = byStage.getOrDefault(stage, List.of());
      List<Step> steps = new ArrayList<>();
      for (Layering.Layer layer : Layering.layers(stage, members, in.resources(), errors)) {
        List<PlannedOperation> ops = new ArrayList<>();
        for (ClassifiedResource r : layer.members()) {
          ops.add(operation(in, r, deleteAfter(r, members), errors));
        }
        steps.add(new Step(stage + " " + layer.name(), ops, layer.trackWithNext()));
      }
      stages.add(new StagePlan(stage, steps));
    }
    return new Plan(stages, errors);
  }

  private static Map<Stage, List<ClassifiedResource>> assignStages(Input in) {
    String event = in.event();
    Map<Stage, List<ClassifiedResource>> byStage = new EnumMap<>(Stage.class);
    for (ClassifiedResource r : in.resources()) {
      Set<String> on = r.deployOn();
      if (on.contains("pre-" + event)) {
        byStage.computeIfAbsent(Stage.PRE_HOOKS, s -> new ArrayList<>()).add(r);
      }
      if (on.contains(event)) {
        Stage stage = r.meta().fromCrdsDir() || r.isCrdOrNamespace() ? Stage.INIT : Stage.MAIN;
        byStage.computeIfAbsent(stage, s -> new ArrayList<>()).add(r);
      }
      if (on.contains("post-" + event)) {
        byStage.computeIfAbsent(Stage.POST_HOOKS, s -> new ArrayList<>()).add(r);
      }
    }
    return byStage;
  }

  /** docs/semantics.md#operation-per-resource, first match wins. */
  private static PlannedOperation operation(
      Input in, ClassifiedResource r, List<String> deleteAfter, List<String> errors) {
    LiveState live = in.live().getOrDefault(r.id(), LiveState.absent(r.id()));
    OperationType type = decide(in, r, live, errors);
    boolean track = type != OperationType.NONE || in.trackAll();
    boolean compensate =
        type == OperationType.CREATE
            && r.ownership() == Ownership.RELEASE
            && !r.protectedFromDelete();
    return new PlannedOperation(
        r.key(),
        type,
        track,
        r.tracking(),
        r.meta().replicas(),
        r.replicasOnCreation(),
        r.deletePropagation(),
        compensate,
        r.deletePolicies().contains(DeletePolicy.SUCCEEDED),
        r.deletePolicies().contains(DeletePolicy.FAILED),
        r.externalDependencies(),
        r.ownership() == Ownership.RELEASE,
        live.exists() ? live.uid() : null,
        deleteAfter);
  }

  /** werf.io/delete-dependency-*: the objects of the same stage this one's delete waits for. */
  private static List<String> deleteAfter(ClassifiedResource r, List<ClassifiedResource> stage) {
    if (r.deleteDependencies().isEmpty()) {
      return List.of();
    }
    return stage.stream()
        .filter(other -> !other.id().equals(r.id()))
        .filter(other -> r.deleteDependencies().stream().anyMatch(d -> d.matches(other.key())))
        .map(ClassifiedResource::id)
        .toList();
  }

  private static OperationType decide(
      Input in, ClassifiedResource r, LiveState live, List<String> errors) {
    String where = r.meta().source() + ": " + r.key().display() + ": ";
    if (live.error() != null) {
      errors.add(where + "the API server refused it: " + live.error());
      return OperationType.NONE;
    }
    if (!live.exists()) {
      return r.has(ResourcePolicy.SKIP_CREATE) ? OperationType.NONE : OperationType.CREATE;
    }
    if (r.ownership() == Ownership.RELEASE && !ownedByRelease(live, in.release(), in.namespace())) {
      String owner = live.annotations().get(Annotations.RELEASE_NAME);
      errors.add(
          where
              + (owner == null
                  ? "exists in the cluster without release annotations "
                      + Annotations.RELEASE_NAME
                      + "/"
                      + Annotations.RELEASE_NAMESPACE
                      + "; it is not adopted"
                  : "belongs to release "
                      + owner
                      + " in namespace "
                      + live.annotations().get(Annotations.RELEASE_NAMESPACE)));
      return OperationType.NONE;
    }
    boolean mayRecreate = !r.has(ResourcePolicy.SKIP_RECREATE);
    if (r.deletePolicies().contains(DeletePolicy.BEFORE_CREATION) && mayRecreate) {
      return OperationType.RECREATE;
    }
    if (live.immutableError() != null) {
      if (r.deletePolicies().contains(DeletePolicy.BEFORE_CREATION_IF_IMMUTABLE) && mayRecreate) {
        return OperationType.RECREATE;
      }
      errors.add(
          where
              + "cannot be updated, "
              + live.immutableError()
              + " (set werf.io/delete-policy: before-creation-if-immutable to recreate it)");
      return OperationType.NONE;
    }
    if (live.differs()) {
      return r.has(ResourcePolicy.SKIP_UPDATE) ? OperationType.NONE : OperationType.UPDATE;
    }
    return OperationType.NONE;
  }

  static boolean ownedByRelease(LiveState live, String release, String namespace) {
    return release.equals(live.annotations().get(Annotations.RELEASE_NAME))
        && namespace.equals(live.annotations().get(Annotations.RELEASE_NAMESPACE));
  }

  /**
   * Objects of the last revision that this chart no longer renders, and that the release may
   * delete.
   */
  private static List<Step> prune(Input in) {
    Set<String> current = new HashSet<>();
    in.resources().forEach(r -> current.add(r.id()));
    List<PlannedOperation> deletes = new ArrayList<>();
    List<ClassifiedResource> removed =
        in.previous().stream()
            .filter(p -> !current.contains(p.id()) && !p.hook())
            .filter(p -> p.ownership() == Ownership.RELEASE && !p.protectedFromDelete())
            .sorted(Comparator.comparingInt(ClassifiedResource::weight).reversed())
            .toList();
    removed.stream()
        .forEach(
            p -> {
              LiveState live = in.live().get(p.id());
              if (live != null
                  && live.exists()
                  && !LivePolicies.keeps(live)
                  && ownedByRelease(live, in.release(), in.namespace())) {
                deletes.add(
                    new PlannedOperation(
                        p.key(),
                        OperationType.DELETE,
                        false,
                        p.tracking(),
                        null,
                        null,
                        p.deletePropagation(),
                        false,
                        false,
                        false,
                        List.of(),
                        true,
                        live.uid(),
                        deleteAfter(p, removed)));
              }
            });
    return deletes.isEmpty() ? List.of() : List.of(new Step("PRUNE removed resources", deletes));
  }
}
