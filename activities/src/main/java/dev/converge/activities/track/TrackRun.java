package dev.converge.activities.track;

import dev.converge.activities.track.rules.EventFailures;
import dev.converge.activities.track.rules.RolloutPods;
import dev.converge.workflows.activities.TrackActivities.TrackItem;
import dev.converge.workflows.activities.TrackActivities.TrackReport;
import dev.converge.workflows.activities.TrackActivities.TrackRequest;
import dev.converge.workflows.model.ResourceKey;
import dev.converge.workflows.model.ResourceStatus;
import dev.converge.workflows.model.ResourceStatus.State;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tracking attempt: observe every item on each change (or tick), heartbeat, show logs, stop
 * when the blocking items are settled, a FailWhole item failed, or the deadline passed.
 */
final class TrackRun implements AutoCloseable {
  static final Duration TICK = Duration.ofMillis(500);
  private static final Duration BEFORE_DEADLINE = Duration.ofSeconds(1);
  static final Duration BATCH_MAX = Duration.ofMillis(200);
  static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(2);
  static final Duration TABLE_EVERY = Duration.ofSeconds(5);
  static final Duration LOGS_EVERY = Duration.ofSeconds(3);
  static final int LOG_TAIL = 50;
  static final int LOG_FETCHES = 16;
  static final Duration EVENTS_BEFORE_START = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(TrackRun.class);

  private final TrackRequest request;
  private final Consumer<TrackCheckpoint> heartbeat;
  private final Semaphore changes = new Semaphore(0);
  private final ClusterView view;
  private final FailureCounter counter;
  private final Instant started;
  private final List<ItemTracker> trackers = new ArrayList<>();
  private final List<LogFollower> followers = new ArrayList<>();
  private final Deque<String> logTail = new ArrayDeque<>();
  private List<String> lastLogs = List.of();
  private List<ResourceStatus> lastTable = List.of();
  private Instant lastHeartbeat = Instant.EPOCH;
  private Instant lastTableLog = Instant.EPOCH;
  private Instant lastLogPoll = Instant.EPOCH;

  /**
   * @param scheduled when the workflow asked for this tracking: the timeout counts from there, as
   *     the workflow's own deadline does, not from when a busy worker got to it
   * @param shared the worker's informers, used when the request says what was applied (null:
   *     informers of this run only)
   */
  TrackRun(
      KubernetesClient client,
      TrackRequest request,
      TrackCheckpoint restored,
      Instant scheduled,
      Consumer<TrackCheckpoint> heartbeat,
      SharedInformers shared) {
    this.request = request;
    this.heartbeat = heartbeat;
    this.view = new ClusterView(client, changes::release, request.appliedKnown() ? shared : null);
    Instant now = Instant.now();
    this.started =
        restored != null
            ? Instant.ofEpochMilli(restored.startedAtMillis())
            : firstStart(scheduled, now, request.timeoutSeconds());
    this.counter = new FailureCounter(restored == null ? List.of() : restored.seenFailures());
    for (int i = 0; i < request.items().size(); i++) {
      TrackItem item = request.items().get(i);
      ResourceStatus row = restoredRow(restored, i, item);
      Integer baseline =
          restored == null ? null : restored.hopeBaselines().get(item.key().display());
      trackers.add(new ItemTracker(item, counter, row, baseline, now));
      String namespace = item.key().namespace();
      followers.add(
          new LogFollower(client, namespace, new LogFilter(item.spec()), started, this::showLog));
    }
  }

  /** The scheduled time, unless it is unknown or not plausible (a clock ahead of the worker's). */
  static Instant firstStart(Instant scheduled, Instant now, int timeoutSeconds) {
    return scheduled != null
            && scheduled.isBefore(now)
            && scheduled.isAfter(now.minusSeconds(timeoutSeconds))
        ? scheduled
        : now;
  }

  /** The same request comes back on a retry; a row of another resource is not trusted. */
  private static ResourceStatus restoredRow(TrackCheckpoint restored, int index, TrackItem item) {
    if (restored == null || index >= restored.table().size()) {
      return null;
    }
    ResourceStatus row = restored.table().get(index);
    return item.key().display().equals(row.resource()) ? row : null;
  }

  TrackReport run() throws InterruptedException {
    // Ends a moment before the workflow's deadline timer: the report naming what did not become
    // ready must reach the workflow before the timer cancels this activity.
    Instant deadline = started.plusSeconds(request.timeoutSeconds()).minus(BEFORE_DEADLINE);
    view.prestart(
        trackers.stream()
            .filter(t -> !t.finished() && !Statusless.settledByApply(t.item()))
            .map(t -> t.item().key())
            .toList());
    while (true) {
      Instant now = Instant.now();
      observeAll(now);
      if (trackers.stream().anyMatch(ItemTracker::stopsEverything)) {
        break;
      }
      if (blocking().allMatch(t -> t.finished() || t.hoping())) {
        trackers.forEach(ItemTracker::endHope);
        if (blocking().allMatch(ItemTracker::finished)) {
          break;
        }
      }
      if (!now.isBefore(deadline)) {
        blocking().forEach(t -> t.timeOut(request.timeoutSeconds()));
        break;
      }
      report(now);
      if (!now.isBefore(lastLogPoll.plus(LOGS_EVERY))) {
        lastLogPoll = now;
        pollLogs();
      }
      long spent = Duration.between(now, Instant.now()).toMillis();
      if (changes.tryAcquire(TICK.toMillis(), TimeUnit.MILLISECONDS) && spent > 0) {
        // A rollout brings changes in bursts; with hundreds of items a pass per change would keep
        // a core busy that the cluster needs. Let a burst gather for a few pass lengths.
        Thread.sleep(Math.min(BATCH_MAX.toMillis(), spent * 3));
      }
      changes.drainPermits();
    }
    attachFailureLogs();
    lastHeartbeat = Instant.EPOCH;
    lastTableLog = Instant.EPOCH;
    report(Instant.now());
    synchronized (this) {
      return new TrackReport(table(), List.copyOf(logTail));
    }
  }

  /**
   * What one pass reads of a namespace, each part read once per pass and only when asked for (an
   * informer starts on first use): with hundreds of items, copying the informer stores per item and
   * filtering every event per item cost more than the API calls themselves.
   */
  private final class NamespacePass {
    private final String namespace;
    private List<Pod> pods;
    private List<ReplicaSet> sets;
    private Map<String, List<Event>> eventsByObject;
    private final Map<String, List<Timed>> recentAbout = new HashMap<>();

    NamespacePass(String namespace) {
      this.namespace = namespace;
    }

    List<Pod> pods() {
      return pods != null ? pods : (pods = view.pods(namespace));
    }

    List<ReplicaSet> sets() {
      return sets != null ? sets : (sets = view.replicaSets(namespace));
    }

    /**
     * Events since shortly before tracking started about one "Kind/name", oldest first. The
     * namespace is grouped once per pass; times are parsed only for what an item asks about: in a
     * namespace where many releases roll out at once, parsing every event's time on every pass was
     * a tenth of the worker's CPU.
     */
    List<Timed> eventsAbout(String about) {
      if (eventsByObject == null) {
        eventsByObject = new HashMap<>();
        for (Event e : view.events(namespace)) {
          if (e.getInvolvedObject() != null) {
            eventsByObject
                .computeIfAbsent(
                    e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName(),
                    k -> new ArrayList<>())
                .add(e);
          }
        }
      }
      return recentAbout.computeIfAbsent(
          about,
          a -> {
            Instant since = started.minus(EVENTS_BEFORE_START);
            return eventsByObject.getOrDefault(a, List.of()).stream()
                .map(e -> new Timed(EventFailures.time(e), e))
                .filter(t -> !t.time().isBefore(since))
                .sorted(Comparator.comparing(Timed::time))
                .toList();
          });
    }
  }

  private record Timed(Instant time, Event event) {}

  private final Map<String, NamespacePass> pass = new HashMap<>();

  private NamespacePass pass(String namespace) {
    return pass.computeIfAbsent(namespace, NamespacePass::new);
  }

  private void observeAll(Instant now) {
    pass.clear();
    for (ItemTracker tracker : trackers) {
      if (tracker.finished()) {
        continue;
      }
      ResourceKey key = tracker.item().key();
      if (Statusless.settledByApply(tracker.item())) {
        tracker.observe(Statusless.asApplied(tracker.item()), List.of(), List.of(), now);
        continue;
      }
      GenericKubernetesResource object = current(tracker.item());
      GenericKubernetesResource gone =
          object == null ? view.deleted(tracker.item().appliedUid()) : null;
      if (gone != null) {
        tracker.observeDeleted(gone, now);
        continue;
      }
      List<Pod> pods = podsOf(key, object);
      tracker.observe(object, pods, eventsOf(key, object, pods), now);
      tracker.newEventLines().forEach(this::showLog);
    }
  }

  /** The item's object as cached, or null while the cache only has a copy older than our apply. */
  private GenericKubernetesResource current(TrackItem item) {
    GenericKubernetesResource object = view.get(item.key());
    return object == null || olderThanApplied(object, item) ? null : object;
  }

  /**
   * A watch held from before this run's apply may not have the applied object yet: a Deployment of
   * the last revision would look ready, a hook Job of the last converge complete.
   */
  static boolean olderThanApplied(GenericKubernetesResource object, TrackItem item) {
    if (item.appliedUid() == null) {
      return false;
    }
    var meta = object.getMetadata();
    if (!item.appliedUid().equals(meta.getUid())) {
      return true;
    }
    return item.appliedGeneration() != null
        && meta.getGeneration() != null
        && meta.getGeneration() < item.appliedGeneration();
  }

  private List<Pod> podsOf(ResourceKey key, GenericKubernetesResource object) {
    if (object == null) {
      return List.of();
    }
    if (Workloads.isPod(key)) {
      return List.of(Workloads.asPod(object));
    }
    if (!Workloads.ownsPods(key)) {
      return List.of();
    }
    if (key.namespace() == null) {
      return List.of();
    }
    NamespacePass ns = pass(key.namespace());
    List<Pod> pods = ClusterView.matching(ns.pods(), Workloads.selector(object));
    return Workloads.isDeployment(key) ? RolloutPods.current(object, ns.sets(), pods) : pods;
  }

  /**
   * Events about the object, its pods and (Deployments) its newest ReplicaSet, from shortly before
   * tracking started: the apply just before may already have caused some, older ones belong to
   * earlier deploys.
   */
  private List<Event> eventsOf(ResourceKey key, GenericKubernetesResource object, List<Pod> pods) {
    if (object == null || key.namespace() == null) {
      return List.of();
    }
    NamespacePass ns = pass(key.namespace());
    Set<String> about = new HashSet<>();
    about.add(key.kind() + "/" + key.name());
    pods.forEach(p -> about.add("Pod/" + p.getMetadata().getName()));
    if (Workloads.isDeployment(key)) {
      RolloutPods.newest(object, ns.sets())
          .ifPresent(rs -> about.add("ReplicaSet/" + rs.getMetadata().getName()));
    }
    List<Timed> events = new ArrayList<>();
    about.forEach(a -> events.addAll(ns.eventsAbout(a)));
    // Events of an earlier object of the same name (deleted by the last, failed converge seconds
    // ago) are not this one's.
    String uid = object.getMetadata().getUid();
    events.removeIf(t -> otherObjectOfTheName(t.event(), key, uid));
    events.sort(Comparator.comparing(Timed::time));
    return events.stream().map(Timed::event).toList();
  }

  static boolean otherObjectOfTheName(Event event, ResourceKey key, String uid) {
    var involved = event.getInvolvedObject();
    return uid != null
        && involved.getUid() != null
        && key.kind().equals(involved.getKind())
        && key.name().equals(involved.getName())
        && !uid.equals(involved.getUid());
  }

  /**
   * Logs are shown until the resource is settled (Jobs: until complete). Each fetch goes through
   * the API server to the node: one after another, a few dozen workloads would hold the loop, and
   * with it every readiness check, for seconds.
   */
  private void pollLogs() throws InterruptedException {
    pass.clear();
    List<Runnable> polls = new ArrayList<>();
    for (int i = 0; i < trackers.size(); i++) {
      ItemTracker tracker = trackers.get(i);
      ResourceKey key = tracker.item().key();
      if (!tracker.finished() && (Workloads.ownsPods(key) || Workloads.isPod(key))) {
        LogFollower follower = followers.get(i);
        List<Pod> pods = podsOf(key, current(tracker.item()));
        polls.add(() -> follower.poll(pods));
      }
    }
    if (polls.size() == 1) {
      polls.get(0).run();
    } else if (!polls.isEmpty()) {
      logFetches().invokeAll(polls.stream().map(Executors::callable).toList());
    }
  }

  private ExecutorService logFetches;

  private ExecutorService logFetches() {
    if (logFetches == null) {
      logFetches =
          Executors.newFixedThreadPool(
              LOG_FETCHES,
              r -> {
                Thread t = new Thread(r, "converge-logs");
                t.setDaemon(true);
                return t;
              });
    }
    return logFetches;
  }

  private void attachFailureLogs() {
    for (int i = 0; i < trackers.size(); i++) {
      ItemTracker tracker = trackers.get(i);
      if (tracker.status().state() != State.FAILED || !tracker.status().lastLogLines().isEmpty()) {
        continue;
      }
      LogFollower follower = followers.get(i);
      var failure = tracker.lastFailure();
      // a failure event about the ReplicaSet or the Deployment itself names no container
      boolean aboutContainer =
          failure != null && failure.container() != null && !failure.pod().contains("/");
      List<String> lines =
          aboutContainer ? follower.lastLines(failure.pod(), failure.container()) : List.of();
      List<String> report = new ArrayList<>(lines.isEmpty() ? follower.recent() : lines);
      report.addAll(tracker.recentEvents()); // events are always quoted for a failed resource
      tracker.attachLogs(report);
    }
  }

  /** Heartbeat on each change and every few seconds; the table in the log less often. */
  private void report(Instant now) {
    List<ResourceStatus> table = table();
    List<String> logs = logs();
    boolean changed = !table.equals(lastTable) || !logs.equals(lastLogs);
    lastTable = table;
    lastLogs = logs;
    if (changed || !now.isBefore(lastHeartbeat.plus(HEARTBEAT_EVERY))) {
      lastHeartbeat = now;
      heartbeat.accept(
          new TrackCheckpoint(
              table,
              counter.keys(),
              started.toEpochMilli(),
              hopeBaselines(),
              StatusTable.format(table),
              logs));
    }
    if (!now.isBefore(lastTableLog.plus(TABLE_EVERY))) {
      lastTableLog = now;
      LOG.info(
          "tracking {} resources in {}:\n{}",
          table.size(),
          request.target().namespace(),
          StatusTable.format(table));
    }
  }

  private synchronized List<String> logs() {
    return List.copyOf(logTail);
  }

  private synchronized void showLog(String line) {
    LOG.info("│ {}", line);
    logTail.addLast(line);
    if (logTail.size() > LOG_TAIL) {
      logTail.removeFirst();
    }
  }

  private Map<String, Integer> hopeBaselines() {
    Map<String, Integer> baselines = new HashMap<>();
    for (ItemTracker tracker : trackers) {
      if (tracker.hopeBaseline() != null) {
        baselines.put(tracker.item().key().display(), tracker.hopeBaseline());
      }
    }
    return baselines;
  }

  private List<ResourceStatus> table() {
    return trackers.stream().map(ItemTracker::status).toList();
  }

  private Stream<ItemTracker> blocking() {
    return trackers.stream().filter(ItemTracker::blocking);
  }

  @Override
  public void close() {
    if (logFetches != null) {
      logFetches.shutdownNow();
    }
    view.close();
  }
}
