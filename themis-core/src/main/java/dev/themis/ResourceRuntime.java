package dev.themis;

import dev.themis.clock.Instants;
import dev.themis.history.ResourceMemory;
import dev.themis.history.ResourceMemory.Action;
import dev.themis.history.ResourceMemory.Recommendation;
import dev.themis.spi.ResourceMonitor;
import dev.themis.spi.ScalingExecutor;
import dev.themis.spi.ScalingPolicy;
import dev.themis.spi.StatefulComponent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One managed resource and what the autoscaler remembers of it between ticks. What guards rely on (the last
 * action, the stabilisation window, the stateful components' memory) is saved as one {@link ResourceMemory} after
 * every tick that changed it, and restored from the store when a new autoscaler is built.
 */
final class ResourceRuntime {
  static final String MONITOR = "monitor";
  static final String EXECUTOR = "executor";

  final ResourceId id;
  final ScalingSettings settings;
  final ResourceMonitor monitor;
  final ScalingPolicy policy;
  final ScalingExecutor executor;
  final boolean discovered;

  /** The monitor and executor that keep memory of their own, by component name. */
  private final Map<String, StatefulComponent> components;

  /** Held while a tick works on this resource, so two concurrent ticks never act twice on it. */
  final ReentrantLock lock = new ReentrantLock();

  // Everything below is guarded by lock.
  private final StateLog window = new StateLog();
  private final Deque<Recommendation> recommendations = new ArrayDeque<>();
  private Action lastAction;
  private long version;
  /** The memory as last handed to the store; null before the first save. */
  private ResourceMemory saved;
  /** Whether the memory was restored from the store (or the store keeps none); no action is taken before. */
  private boolean recovered;
  /** The fencing token of the lease this host last held on the resource; 0 without coordination. */
  private long leaseToken;
  private volatile boolean retired;
  /**
   * The reasons of the tick in progress, emptied at its start: every outcome copies them, so one list serves every
   * tick of this resource rather than a new one per tick.
   */
  private final List<String> reasons = new java.util.ArrayList<>(4);

  ResourceRuntime(
      ResourceId id, ScalingSettings settings, ResourceMonitor monitor, ScalingPolicy policy,
      ScalingExecutor executor, boolean discovered) {
    this.id = id;
    this.settings = settings;
    this.monitor = monitor;
    this.policy = policy;
    this.executor = executor;
    this.discovered = discovered;
    this.components = components(monitor, executor);
  }

  boolean recovered() {
    return recovered;
  }

  /**
   * This host holds the resource's lease with {@code token}. A token it did not hold before means the lease was
   * taken over: another host may have acted since, so the memory is read from the store again before acting.
   */
  void leased(long token) {
    if (token != leaseToken) {
      recovered = false;
      leaseToken = token;
    }
  }

  /** Nothing to recover: the store keeps no memory. */
  void startFresh() {
    recovered = true;
  }

  /**
   * Restores what an earlier autoscaler saved, and the monitoring window from the history.
   *
   * <p>A memory is not saved again while only its newest recommendation's time moves (the policy repeating its
   * target tick after tick, see {@link #changedMemory}), so the earlier autoscaler went on making that recommendation
   * after the memory was saved, until its last tick: the newest recommendation counts as made at {@code lastTick}, the
   * time of the resource's latest recorded outcome, which is exact when every tick was recorded. Without an outcome
   * from the save on (a store that keeps no outcomes, or lost them), it counts as made now: later than it was, so a
   * restart never ends a stabilisation hold early.
   *
   * @param memory the saved memory, or null if none was saved
   * @param earlier compact states within the monitoring window, oldest first
   * @param lastTick the time of the resource's latest recorded outcome, or null if none
   * @param now the time of the restore
   */
  void restore(ResourceMemory memory, List<ResourceState> earlier, Instant lastTick, Instant now) {
    window.clear();
    window.addAll(earlier);
    recommendations.clear();
    if (memory != null) {
      lastAction = memory.lastAction();
      recommendations.addAll(memory.recommendations());
      Recommendation newest = recommendations.peekLast();
      if (newest != null) {
        Instant madeUntil = lastTick != null && !lastTick.isBefore(newest.at()) ? lastTick : now;
        if (madeUntil.isAfter(newest.at())) {
          recommendations.removeLast();
          recommendations.addLast(new Recommendation(madeUntil, newest.target()));
        }
      }
      version = memory.version();
      Optional<Action> unresolved = Optional.ofNullable(lastAction).filter(a -> !a.confirmed() && a.inFlight());
      for (Map.Entry<String, StatefulComponent> c : components().entrySet()) {
        c.getValue().restore(memory.components().getOrDefault(c.getKey(), Map.of()), unresolved);
      }
      saved = memory;
    }
    recovered = true;
  }

  /** The reasons list for a new tick, empty. */
  List<String> reasonsForTick() {
    reasons.clear();
    return reasons;
  }

  /**
   * Notes a fresh observation: completes an in-flight action (reconciling one whose result was unknown against
   * what the cloud shows, with a reason), and returns earlier states within the window.
   */
  List<ResourceState> observed(ResourceState state, Instant now, List<String> reasons) {
    if (lastAction != null && lastAction.inFlight() && !state.inFlight()) {
      if (!lastAction.confirmed()) {
        reasons.add("reconciled the scale-" + lastAction.direction().name().toLowerCase(java.util.Locale.ROOT)
            + " " + lastAction.fromCapacity() + " -> " + lastAction.toCapacity() + " intended at "
            + lastAction.appliedAt() + " whose result was not recorded: the cloud shows " + state.capacity()
            + (state.capacity() == lastAction.fromCapacity() ? " (not applied, or undone)" : "")
            + "; counted as applied, cooldown from now");
      }
      lastAction = lastAction.completed(now);
    }
    while (!window.isEmpty() && Instants.olderThan(window.first().observedAt(), now, settings.monitoringWindow())) {
      window.removeFirst();
    }
    List<ResourceState> before = window.view(); // PolicyContext keeps it as is
    window.add(state);
    return before;
  }

  /**
   * The monitoring window: states appended to an array whose filled slots are never written again, so a policy's
   * view of it (a range of that array) stays as it was without a copy per tick. Leaving the window only moves the
   * start; a full array moves the states still in the window to a new one, about twice their number.
   */
  static final class StateLog {
    private ResourceState[] states = new ResourceState[16];
    private int from;
    private int to;

    boolean isEmpty() {
      return from == to;
    }

    ResourceState first() {
      return states[from];
    }

    void removeFirst() {
      from++;
    }

    void add(ResourceState state) {
      if (to == states.length) {
        int live = to - from;
        ResourceState[] next = new ResourceState[Math.max(16, 2 * live + 8)];
        System.arraycopy(states, from, next, 0, live);
        states = next;
        from = 0;
        to = live;
      }
      states[to++] = Objects.requireNonNull(state, "state");
    }

    void addAll(List<ResourceState> earlier) {
      earlier.forEach(this::add);
    }

    /** Empties the window; views taken before keep what they saw (a new array is used from here on). */
    void clear() {
      states = new ResourceState[16];
      from = 0;
      to = 0;
    }

    /** The states in the window now, oldest first: immutable. */
    List<ResourceState> view() {
      return new Window(states, from, to);
    }
  }

  /** Earlier states as a policy sees them: an immutable range of a {@link StateLog}'s array. */
  static final class Window extends java.util.AbstractList<ResourceState> implements java.util.RandomAccess {
    private final ResourceState[] states;
    private final int from;
    private final int size;

    private Window(ResourceState[] states, int from, int to) {
      this.states = states;
      this.from = from;
      this.size = to - from;
    }

    @Override
    public ResourceState get(int index) {
      Objects.checkIndex(index, size);
      return states[from + index];
    }

    @Override
    public int size() {
      return size;
    }
  }

  /** Records a policy recommendation and returns the highest one within the stabilisation window. */
  int recommend(int target, Instant now) {
    while (!recommendations.isEmpty()
        && Instants.olderThan(recommendations.peekFirst().at(), now, settings.scaleDownStabilization())) {
      recommendations.removeFirst();
    }
    if (settings.scaleDownStabilization().isZero()) {
      return target; // nothing to remember
    }
    // An earlier recommendation no higher than this one leaves the window first, so it is never the highest within
    // any later window: dropping it changes no answer, and keeps the window (and the memory saved from it) at one
    // entry while the policy's target holds steady. Kept if the clock went back and it is dated after now.
    while (!recommendations.isEmpty() && recommendations.peekLast().target() <= target
        && !recommendations.peekLast().at().isAfter(now)) {
      recommendations.removeLast();
    }
    recommendations.addLast(new Recommendation(now, target));
    if (recommendations.size() == 1) {
      return target; // the steady case: no iterator
    }
    int highest = target;
    for (Recommendation r : recommendations) {
      highest = Math.max(highest, r.target());
    }
    return highest;
  }

  /** When the highest recommendation within the stabilisation window was made (the latest, if several). */
  Instant highestRecommendationAt() {
    Recommendation best = null;
    for (Recommendation r : recommendations) {
      if (best == null || r.target() >= best.target()) {
        best = r;
      }
    }
    return best == null ? null : best.at();
  }

  Action lastAction() {
    return lastAction;
  }

  /** The action about to be taken, as it is recorded before the executor is called. */
  Action intend(ScalingDirection direction, int from, int to, Instant now, long fencingToken) {
    lastAction = new Action(direction, from, to, now, null, false, fencingToken);
    return lastAction;
  }

  /** The executor made the intended action (completed already, or in flight until an observation says so). */
  void applied(int to, boolean completed) {
    Action a = lastAction;
    lastAction = new Action(a.direction(), a.fromCapacity(), to, a.appliedAt(), completed ? a.appliedAt() : null,
        true, a.fencingToken());
  }

  /** The executor declined: nothing was done, the previous action stands. */
  void declined(Action previous) {
    lastAction = previous;
  }

  /**
   * The memory as it is now, with a new version if it differs from the one last saved; null if it does not. Only the
   * newest recommendation's time moving is no difference: a steady target saves nothing (see {@link #restore}).
   */
  ResourceMemory changedMemory() {
    if (saved != null && components.isEmpty() && Objects.equals(saved.lastAction(), lastAction)
        && sameRecommendations(saved.recommendations())) {
      return null; // nothing a component keeps, and the core's part unchanged: no allocation on a steady tick
    }
    ResourceMemory now = memory(version + 1);
    if (saved != null && !components.isEmpty() && sameContent(saved, now)) {
      return null; // without components the check above already compared everything
    }
    version++;
    saved = now;
    return now;
  }

  /** The memory as it is now, for an intent that must be saved before acting (always a new version). */
  ResourceMemory memoryForIntent() {
    version++;
    saved = memory(version);
    return saved;
  }

  private ResourceMemory memory(long v) {
    Map<String, Map<String, String>> kept;
    if (components.isEmpty()) {
      kept = Map.of();
    } else {
      Map<String, Map<String, String>> snapshots = new LinkedHashMap<>();
      components.forEach((k, c) -> snapshots.put(k, Map.copyOf(c.snapshot())));
      kept = Map.copyOf(snapshots);
    }
    // Immutable copies, so that the record keeps them as they are.
    List<Recommendation> recent = recommendations.size() == 1 ? List.of(recommendations.peekFirst())
        : List.copyOf(recommendations); // one entry while the target holds steady: no array copied
    return new ResourceMemory(id, v, lastAction, recent, kept);
  }

  /** The same recommendations as {@code kept}, but for the newest one's time. */
  private boolean sameRecommendations(List<Recommendation> kept) {
    int n = kept.size();
    if (n != recommendations.size()) {
      return false;
    }
    if (n == 1) { // the steady case: no iterator
      return kept.get(0).target() == recommendations.peekFirst().target();
    }
    java.util.Iterator<Recommendation> it = recommendations.iterator();
    for (int i = 0; i < n; i++) {
      Recommendation k = kept.get(i);
      Recommendation r = it.next();
      if (i < n - 1 ? !k.equals(r) : k.target() != r.target()) {
        return false;
      }
    }
    return true;
  }

  private boolean sameContent(ResourceMemory a, ResourceMemory b) {
    return java.util.Objects.equals(a.lastAction(), b.lastAction()) && sameRecommendations(a.recommendations())
        && a.components().equals(b.components());
  }

  private Map<String, StatefulComponent> components() {
    return components;
  }

  private static Map<String, StatefulComponent> components(ResourceMonitor monitor, ScalingExecutor executor) {
    Map<String, StatefulComponent> m = new LinkedHashMap<>(2);
    if (monitor instanceof StatefulComponent s) {
      m.put(MONITOR, s);
    }
    if (executor instanceof StatefulComponent s && executor != monitor) {
      m.put(EXECUTOR, s);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Takes over everything {@code previous} remembered between ticks (last action and whether it is in flight,
   * stabilisation recommendations, the observation window, and the stateful components' memory, restored into this
   * runtime's monitor and executor when they are new objects), for a resource whose configuration changed live.
   * The caller holds {@code previous.lock}; this runtime is not yet visible to any tick.
   */
  void inheritMemory(ResourceRuntime previous) {
    lock.lock();
    try {
      if (!previous.recovered) {
        // Nothing trustworthy to take over yet: this runtime recovers from the store like a new one.
        window.clear();
        window.addAll(previous.window.view());
        return;
      }
      ResourceMemory memory = previous.memory(previous.version);
      boolean sameComponents = previous.monitor == monitor && previous.executor == executor;
      window.clear();
      window.addAll(previous.window.view());
      recommendations.clear();
      recommendations.addAll(memory.recommendations());
      lastAction = memory.lastAction();
      version = previous.version;
      if (!sameComponents) {
        Optional<Action> unresolved = Optional.ofNullable(lastAction).filter(a -> !a.confirmed() && a.inFlight());
        for (Map.Entry<String, StatefulComponent> c : components().entrySet()) {
          c.getValue().restore(memory.components().getOrDefault(c.getKey(), Map.of()), unresolved);
        }
      }
      saved = previous.saved;
      leaseToken = previous.leaseToken;
      recovered = true;
    } finally {
      lock.unlock();
    }
  }

  /** Replaced by a reconfiguration: a tick that still holds this runtime neither steps it nor saves its memory. */
  void retire() {
    retired = true;
  }

  boolean retired() {
    return retired;
  }
}
