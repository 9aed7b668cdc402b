package dev.converge.activities.kube;

import dev.converge.workflows.activities.ClusterActivities.DeleteOp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Orders deletes by their {@code after} ids: each wave holds the objects whose dependencies were
 * all in earlier waves, in the given order. Ids outside the request are already someone else's
 * concern. A cycle cannot be ordered: its objects go together in the last wave rather than never.
 */
final class DeleteWaves {
  private DeleteWaves() {}

  static List<List<DeleteOp>> of(List<DeleteOp> operations) {
    Set<String> pending = new HashSet<>();
    operations.forEach(op -> pending.add(op.key().id()));
    List<DeleteOp> left = new ArrayList<>(operations);
    List<List<DeleteOp>> waves = new ArrayList<>();
    while (!left.isEmpty()) {
      List<DeleteOp> wave =
          left.stream().filter(op -> op.after().stream().noneMatch(pending::contains)).toList();
      if (wave.isEmpty()) {
        wave = List.copyOf(left);
      }
      waves.add(wave);
      left.removeAll(wave);
      wave.forEach(op -> pending.remove(op.key().id()));
    }
    return waves;
  }
}
