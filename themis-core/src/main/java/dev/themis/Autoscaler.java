package dev.themis;

import dev.themis.config.ConfigKey;
import dev.themis.config.ConfigurationException;
import dev.themis.config.Settings;
import dev.themis.config.ThemisConfig;
import dev.themis.cost.CostAccount;
import dev.themis.cost.CostReport;
import dev.themis.cost.PriceCatalogue;
import dev.themis.history.HistoryStore;
import dev.themis.history.InMemoryHistoryStore;
import dev.themis.history.ResourceMemory;
import dev.themis.spi.PolicyProvider;
import dev.themis.spi.ProviderContext;
import dev.themis.spi.ResourceDiscovery;
import dev.themis.spi.ResourceLeases;
import dev.themis.spi.ResourceMonitor;
import dev.themis.spi.ResourceProvider;
import dev.themis.spi.ScalingExecutor;
import dev.themis.spi.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scales a set of resources. Build one with {@link #builder()}, then call {@link #tick()} from the host's own
 * scheduler: each tick observes every resource, asks its policy, applies the guards and, if a change survives them,
 * asks its executor to make it.
 *
 * <p>Themis starts no threads and never sleeps. {@code tick()} is thread-safe: concurrent ticks never act twice on
 * the same resource (a resource busy in one tick is reported {@link ResourceOutcome.Held} in the other). A failure
 * of a monitor, policy or executor, or of the cloud behind them, becomes a {@link ResourceOutcome.Failed} for that
 * resource only; {@code tick()} does not throw for it.
 *
 * <pre>{@code
 * Autoscaler autoscaler = Autoscaler.builder()
 *     .configuration(ThemisConfig.load(Path.of("themis.yaml")))
 *     .component(EmrClient.class, emr)
 *     .build();
 * scheduler.scheduleAtFixedRate(autoscaler::tick, 0, 3, TimeUnit.MINUTES);
 * }</pre>
 */
public final class Autoscaler {
  private static final Logger LOG = LoggerFactory.getLogger(Autoscaler.class);

  private final InstantSource clock;
  private final ZoneId zone;
  private final Boolean builderDryRun;
  private volatile boolean dryRun;
  private final HistoryStore history;
  private final List<AutoscalerListener> listeners;
  private final Executor executor;
  private final Duration resourceDeadline;
  /** How long the caller lets the host's executor start a resource before running it itself. */
  static final Duration START_GRACE = Duration.ofMillis(100);
  /** Resources whose outcome in the tick started at the mapped instant timed out on the host's executor. */
  private final Map<ResourceRuntime, Instant> abandoned = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, ResourceProvider> providers;
  private final Map<String, PolicyProvider> policyProviders;
  private final ProviderContext context;
  private final List<ResourceDiscovery> discoveries;
  private final Duration discoveryPeriod;
  private volatile Map<String, Map<String, String>> typeDefaults;
  private final Reconfigurer reconfigurer;
  private final SeriesBook series;

  /** Null for a single host: it acts on every resource. */
  private final ResourceLeases leases;
  private final Object leaseLock = new Object();
  private volatile Map<ResourceId, ResourceLeases.Lease> leaseTable = Map.of();

  private final Object discoveryLock = new Object();
  private volatile List<ResourceRuntime> runtimes;
  private Instant lastDiscovery; // guarded by discoveryLock

  Autoscaler(Builder b, Map<String, ResourceProvider> providers, Map<String, PolicyProvider> policyProviders,
      ProviderContext context, List<ResourceRuntime> runtimes, boolean dryRun, Duration discoveryPeriod,
      ResourceLeases leases) {
    this.clock = b.clock;
    this.leases = leases;
    this.zone = context.zone();
    this.builderDryRun = b.dryRun;
    this.dryRun = dryRun;
    this.history = b.history;
    this.listeners = List.copyOf(b.listeners);
    this.executor = b.executor;
    this.resourceDeadline = b.resourceDeadline;
    this.providers = providers;
    this.policyProviders = policyProviders;
    this.context = context;
    this.runtimes = sorted(runtimes);
    this.discoveryPeriod = discoveryPeriod;
    this.typeDefaults = Map.copyOf(b.typeDefaults);
    this.series = new SeriesBook(b.history);
    List<ResourceDiscovery> found = new ArrayList<>(b.discoveries);
    if (b.discover) {
      for (ResourceProvider p : providers.values()) {
        p.discovery(context).ifPresent(found::add);
      }
    }
    this.discoveries = List.copyOf(found);
    this.reconfigurer = new Reconfigurer(providers, policyProviders, context, b.explicitPolicies, clock,
        new ThemisConfig(b.global, b.typeDefaults, b.specs, b.warnings));
    if (!history.keepsMemory()) {
      LOG.info("history store {} keeps no resource memory: a new autoscaler starts without cooldowns, budgets "
          + "and in-flight actions", history.getClass().getName());
    }
    recover(this.runtimes, clock.instant());
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Observes, decides and acts once for every managed resource. Synchronous: runs on the calling thread, or on the
   * host's executor if one was given to the builder.
   *
   * @return one outcome per resource, in resource-id order; never null
   */
  public TickReport tick() {
    Instant start = clock.instant();
    List<String> notes = discover(start);
    List<ResourceRuntime> current = runtimes;
    if (leases != null) {
      try {
        refreshLeases(current, start);
      } catch (Throwable t) {
        rethrowIfFatal(t);
        notes = new ArrayList<>(notes); // discovery's notes may be immutable; a failing refresh is rare
        notes.add("coordination: leases not refreshed, acting on those held only until their renew margin: "
            + describe(t));
        LOG.warn("coordination: leases not refreshed: {}", describe(t));
      }
    }
    List<ResourceOutcome> outcomes = new ArrayList<>(current.size());
    if (executor == null) {
      for (ResourceRuntime r : current) {
        outcomes.add(step(r, start));
      }
    } else {
      List<HostTask> tasks = new ArrayList<>(current.size());
      for (ResourceRuntime r : current) {
        HostTask t = new HostTask(r, start);
        tasks.add(t);
        try {
          executor.execute(t);
        } catch (RuntimeException e) {
          // Rejected (or the executor failed): the calling thread runs it below.
          LOG.debug("{}: the host's executor did not take the resource ({}); running it on the caller", r.id,
              describe(e));
        }
      }
      // The caller helps: it runs every resource the executor has not started within START_GRACE. So a tick called
      // from the pool it was given never waits for a thread it occupies itself (the deadlock of a pool both calling
      // tick() and running its resources), and a saturated or rejecting executor only costs parallelism.
      long deadline = System.nanoTime() + resourceDeadline.toNanos();
      long graceEnd = System.nanoTime() + Math.min(START_GRACE.toNanos(), resourceDeadline.toNanos());
      for (HostTask t : tasks) {
        t.awaitClaim(graceEnd);
      }
      for (HostTask t : tasks) {
        t.run();
      }
      for (HostTask t : tasks) {
        outcomes.add(t.await(deadline));
      }
    }
    try {
      history.flush();
    } catch (Throwable t) {
      rethrowIfFatal(t);
      LOG.warn("the history store failed to flush: {}", describe(t));
    }
    TickReport report = new TickReport(start, Duration.between(start, clock.instant()), outcomes, notes);
    for (AutoscalerListener l : listeners) {
      notify(() -> l.onTick(report));
    }
    return report;
  }

  /**
   * Renews this host's leases and takes its share of the free ones now, without observing anything: a host whose
   * ticks are further apart than the lease's renew interval schedules this in between. Without coordination
   * configured, does nothing.
   *
   * @return the leases as they now stand, by resource (empty without coordination)
   * @throws RuntimeException if the coordination store cannot be reached
   */
  public Map<ResourceId, ResourceLeases.Lease> coordinate() {
    if (leases == null) {
      return Map.of();
    }
    refreshLeases(runtimes, clock.instant());
    return leaseTable;
  }

  private void refreshLeases(List<ResourceRuntime> current, Instant now) {
    synchronized (leaseLock) {
      leaseTable = Map.copyOf(leases.refresh(current.stream().map(r -> r.id).toList(), now));
    }
  }

  /** Gives back every lease this host holds, so that the other replicas take over at once. */
  public void releaseLeases() {
    if (leases != null) {
      leases.releaseAll();
      leaseTable = Map.of();
    }
  }

  /**
   * One resource of one tick on the host's executor. Whoever claims it first runs it: a pool thread, or the thread
   * calling {@code tick()}. An outcome not ready by the deadline is reported failed (timeout) and the resource is
   * marked abandoned for that tick, so its late observation is dropped rather than acted on.
   */
  private final class HostTask implements Runnable {
    private final ResourceRuntime r;
    private final Instant start;
    private final java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    private final CompletableFuture<ResourceOutcome> result = new CompletableFuture<>();

    HostTask(ResourceRuntime r, Instant start) {
      this.r = r;
      this.start = start;
    }

    @Override
    public void run() {
      if (!claimed.compareAndSet(false, true)) {
        return;
      }
      started.countDown();
      try {
        result.complete(step(r, start));
      } catch (Throwable t) {
        result.completeExceptionally(t);
        rethrowIfFatal(t);
      } finally {
        abandoned.remove(r, start);
      }
    }

    void awaitClaim(long untilNanos) {
      try {
        started.await(Math.max(0, untilNanos - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    ResourceOutcome await(long deadlineNanos) {
      try {
        return result.get(Math.max(0, deadlineNanos - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        abandoned.put(r, start);
        if (result.isDone()) {
          abandoned.remove(r, start);
          return await(deadlineNanos);
        }
        return new ResourceOutcome.Failed(r.id, start, ResourceOutcome.Stage.SETUP, e, null, null,
            List.of("timeout: no outcome within the resource deadline of " + ConfigKey.formatDuration(resourceDeadline)
                + " on the host's executor; the other resources finished; this resource's late result is dropped"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ResourceOutcome.Failed(r.id, start, ResourceOutcome.Stage.SETUP, e, null, null,
            List.of("interrupted while waiting for this resource on the host's executor"));
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return new ResourceOutcome.Failed(r.id, start, ResourceOutcome.Stage.SETUP, cause, null, null,
            List.of("internal failure: " + describe(cause)));
      }
    }
  }

  /** The resources currently managed, in id order. */
  public List<ResourceId> resources() {
    return runtimes.stream().map(r -> r.id).toList();
  }

  /**
   * The guard settings of a managed resource, as they are applied: {@code dryRun()} is true when either the
   * resource or the whole autoscaler ({@link Builder#dryRun(boolean)}, {@code settings.dry_run}) is in dry run.
   */
  public Optional<ScalingSettings> settings(ResourceId id) {
    return runtimes.stream().filter(r -> r.id.equals(id))
        .map(r -> dryRun && !r.settings.dryRun() ? r.settings.toBuilder().dryRun(true).build() : r.settings)
        .findFirst();
  }

  /**
   * Switches to a new configuration document while running, as the host {@code "host"}. See
   * {@link #reconfigure(ThemisConfig, String)}.
   */
  public ConfigChange reconfigure(ThemisConfig configuration) {
    return reconfigure(configuration, "host");
  }

  /**
   * Switches to a new configuration document while running, atomically: the whole document is validated exactly
   * as {@link Builder#build()} validates it (every problem at once, by key) and every expression is compiled
   * before anything changes. If any problem is found, nothing changes. Otherwise the next tick sees the new
   * document for every resource, never a mix.
   *
   * <p>A resource that stays keeps what the autoscaler remembers of it: its last action and cooldowns, an action
   * still in flight, its stabilisation window. A resource whose settings did not change keeps its monitor,
   * executor and policy objects too; one whose settings changed gets new ones from its provider (which recover
   * their own budgets from the history store). A resource no longer listed is dropped; resources not from the
   * configuration (registered with explicit parts, or discovered) stay. {@code time_zone}, {@code discovery_period}
   * and providers' global keys cannot change while running: a document that changes them is rejected.
   *
   * <p>Thread-safe: may be called while a tick runs; it waits for the resources it replaces to finish their step.
   *
   * @param configuration the whole new document (see {@link #configuration()} for the current one)
   * @param actor who asks, as the host's authenticator names them; recorded with the change
   * @return the change recorded, key by key (empty entries if the document equals the current one)
   * @throws ConfigurationException listing every problem; the autoscaler is unchanged
   */
  public ConfigChange reconfigure(ThemisConfig configuration, String actor) {
    synchronized (discoveryLock) {
      Reconfigurer.Plan plan = reconfigurer.plan(configuration, actor, runtimes);
      List<ResourceRuntime> held = new ArrayList<>(plan.retired());
      held.sort(Comparator.comparing(r -> r.id));
      List<ResourceRuntime> locked = new ArrayList<>(held.size());
      try {
        for (ResourceRuntime r : held) {
          r.lock.lock(); // a tick holds it for one step at most; ticks only tryLock, so no deadlock
          locked.add(r);
        }
        plan.inherits().forEach(ResourceRuntime::inheritMemory);
        held.forEach(ResourceRuntime::retire);
        // New resources, and those whose predecessor had not recovered yet, recover from the store as at build.
        recover(plan.runtimes().stream().filter(r -> !r.recovered()).toList(), clock.instant());
        Settings global = configuration.global();
        dryRun = builderDryRun != null ? builderDryRun : global.get(ThemisConfig.DRY_RUN);
        typeDefaults = Map.copyOf(configuration.defaults());
        runtimes = plan.runtimes();
        reconfigurer.committed(plan);
      } finally {
        locked.forEach(r -> r.lock.unlock());
      }
      LOG.info("configuration changed by {}: {}", actor, plan.change().entries());
      return plan.change();
    }
  }

  /** The configuration document in effect: the one built with, or the last one {@link #reconfigure}d to. */
  public ThemisConfig configuration() {
    synchronized (discoveryLock) {
      return reconfigurer.current();
    }
  }

  /**
   * The configuration keys a resource accepts: the core's guard keys, {@link #POLICY}, its provider's keys and
   * those of the policy it names, for documentation and editors.
   */
  public List<ConfigKey<?>> configKeys(ResourceId id) {
    String policy = null;
    synchronized (discoveryLock) {
      for (ResourceSpec spec : reconfigurer.current().resources()) {
        if (spec.id().equals(id)) {
          policy = spec.settings().raw(POLICY.name());
        }
      }
      return reconfigurer.keysOf(id, policy);
    }
  }

  /** Alternative key names a resource accepts for core keys (e.g. {@code min_nodes -> min_capacity}). */
  public Map<String, String> configAliases(ResourceId id) {
    return reconfigurer.aliasesOf(id);
  }

  /** The configuration changes applied so far (at most the last 1,000), oldest first. */
  public List<ConfigChange> configChanges() {
    synchronized (discoveryLock) {
      return reconfigurer.changes();
    }
  }

  /** Whether the autoscaler as a whole is in dry-run mode (resources may also be, by their own {@code dry_run}). */
  public boolean dryRun() {
    return dryRun;
  }

  /** The history store every outcome is recorded in. */
  public HistoryStore history() {
    return history;
  }

  public InstantSource clock() {
    return clock;
  }

  /**
   * Cost and savings of one resource over the last {@code period}, against a static {@code baselineCapacity}
   * (the original's {@code baseline_nodes}), from the history store.
   */
  public CostReport costs(ResourceId id, Duration period, int baselineCapacity, PriceCatalogue prices) {
    Instant now = clock.instant();
    return CostAccount.account(history.query(id, now.minus(period), now), now, baselineCapacity, prices);
  }

  private ResourceOutcome step(ResourceRuntime r, Instant tickStart) {
    ResourceLeases.Lease lease = null;
    if (leases != null) {
      lease = leaseTable.get(r.id);
      if (lease == null || !lease.owner().equals(leases.hostId())) {
        // Another host's resource: neither observed nor recorded here (its holder records it).
        ResourceOutcome other = new ResourceOutcome.Held(r.id, tickStart, null, null, List.of(lease == null
            ? "no host holds this resource's lease yet"
            : "leased by " + lease.owner() + " until " + lease.expiresAt()));
        publish(other);
        return other;
      }
    }
    // A tick called again from within this resource's step (by a listener, a policy or an executor on this thread)
    // finds it busy, as another thread's would: the lock is reentrant, the step is not.
    if (r.lock.isHeldByCurrentThread() || !r.lock.tryLock()) {
      ResourceOutcome busy = new ResourceOutcome.Held(r.id, tickStart, null, null,
          List.of("another tick is acting on this resource"));
      recordQuietly(busy);
      publish(busy);
      return busy;
    }
    ResourceOutcome outcome;
    try {
      // The time at which this resource is handled, taken under its lock: a tick that waited for another never
      // judges cooldowns with an instant older than the other's action.
      Instant now = latest(clock.instant(), r.lastAction());
      if (r.retired()) {
        // Replaced by reconfigure() after this tick read the resource list: its successor, which inherited this
        // runtime's memory, acts from the next tick; this one's memory is not saved over the successor's.
        outcome = new ResourceOutcome.Held(r.id, now, null, null,
            List.of("the configuration changed during this tick; the new one applies from the next tick"));
        recordQuietly(outcome);
      } else {
        if (lease != null) {
          r.leased(lease.token()); // a lease newly taken over: what the previous holder did is read from the store
        }
        try {
          outcome = stepLocked(r, now, tickStart, lease);
        } catch (Throwable t) {
          rethrowIfFatal(t);
          // A bug in the core must not escape tick() either.
          outcome = new ResourceOutcome.Failed(r.id, now, ResourceOutcome.Stage.SETUP, t, null, null,
              List.of("internal failure: " + describe(t)));
        }
        recordQuietly(outcome);
        saveMemory(r);
      }
    } finally {
      r.lock.unlock();
    }
    publish(outcome);
    return outcome;
  }

  /** {@code now}, or the last action's instants if the clock reads earlier than them (a stale or skewed clock). */
  private static Instant latest(Instant now, ResourceMemory.Action last) {
    if (last == null) {
      return now;
    }
    Instant t = last.completedAt() != null && last.completedAt().isAfter(last.appliedAt()) ? last.completedAt()
        : last.appliedAt();
    return now.isBefore(t) ? t : now;
  }

  private void recordQuietly(ResourceOutcome outcome) {
    try {
      history.record(outcome);
    } catch (Throwable t) {
      rethrowIfFatal(t);
      LOG.warn("{}: the history store did not record the outcome: {}", outcome.resource(), describe(t));
    }
  }

  private void saveMemory(ResourceRuntime r) {
    if (!r.recovered() || !history.keepsMemory()) {
      return;
    }
    try {
      ResourceMemory m = r.changedMemory();
      if (m != null) {
        history.remember(m);
      }
    } catch (Throwable t) {
      rethrowIfFatal(t);
      LOG.warn("{}: the history store did not keep the resource's memory: {}", r.id, describe(t));
    }
  }

  /** Restores every runtime's memory from the store in one read; those it cannot read retry on their next tick. */
  private void recover(List<ResourceRuntime> rs, Instant now) {
    if (!history.keepsMemory()) {
      rs.forEach(ResourceRuntime::startFresh);
      return;
    }
    Map<ResourceId, ResourceMemory> found;
    try {
      found = history.memories(rs.stream().map(r -> r.id).toList());
    } catch (Throwable t) {
      rethrowIfFatal(t);
      LOG.warn("the history store could not be read; {} resources act on nothing until it can: {}", rs.size(),
          describe(t));
      return;
    }
    for (ResourceRuntime r : rs) {
      r.lock.lock();
      try {
        restore(r, found.get(r.id), now);
      } catch (Throwable t) {
        rethrowIfFatal(t);
        LOG.warn("{}: its memory could not be restored; it acts on nothing until it can: {}", r.id, describe(t));
      } finally {
        r.lock.unlock();
      }
    }
  }

  private void restore(ResourceRuntime r, ResourceMemory memory, Instant now) {
    List<ResourceState> earlier = new ArrayList<>();
    Instant lastTick = null;
    for (ResourceOutcome o : history.query(r.id, now.minus(r.settings.monitoringWindow()), now)) {
      if (o.state() != null) {
        earlier.add(o.state());
      }
      lastTick = o.at();
    }
    if (lastTick == null && memory != null && !memory.recommendations().isEmpty()) {
      List<ResourceOutcome> latest = history.latest(r.id, 1); // stopped for longer than the monitoring window
      lastTick = latest.isEmpty() ? null : latest.get(0).at();
    }
    r.restore(memory, earlier, lastTick, now);
  }

  private ResourceOutcome stepLocked(ResourceRuntime r, Instant now, Instant tickStart,
      ResourceLeases.Lease lease) {
    List<String> reasons = r.reasonsForTick(); // the outcome copies it
    String unrecovered = null;
    if (!r.recovered()) {
      try {
        restore(r, history.memories(List.of(r.id)).get(r.id), now);
      } catch (Throwable t) {
        rethrowIfFatal(t);
        unrecovered = "the resource's memory (cooldowns, in-flight actions, budgets) could not be read from the "
            + "history store: " + describe(t) + "; observing only";
      }
    }
    ResourceState state;
    long t0 = System.nanoTime();
    try {
      state = r.monitor.observe(now, r.settings.monitoringWindow());
      if (state == null) {
        throw new IllegalStateException("monitor of " + r.id + " returned no state");
      }
      if (!state.id().equals(r.id)) {
        throw new IllegalStateException("monitor of " + r.id + " returned the state of " + state.id());
      }
    } catch (Throwable t) {
      rethrowIfFatal(t);
      return new ResourceOutcome.Failed(r.id, now, ResourceOutcome.Stage.OBSERVE, t, null, null,
          List.of("observe failed: " + describe(t)));
    }
    stageTimed(r.id, ResourceOutcome.Stage.OBSERVE, t0);
    if (abandoned.remove(r, tickStart)) {
      // This resource's tick passed its deadline on the host's executor and was reported failed: drop the late
      // observation rather than act on it.
      return new ResourceOutcome.Failed(r.id, now, ResourceOutcome.Stage.OBSERVE,
          new java.util.concurrent.TimeoutException("late observation"), state, null,
          List.of("observation arrived after the resource deadline; dropped, nothing decided or applied"));
    }
    List<ResourceState> window = r.observed(state, now, reasons);
    long t1 = System.nanoTime();

    ScalingDecision raw;
    try {
      raw = r.policy.decide(
          new PolicyContext(state, window, r.settings, now, zone, series.observe(r.id, r.policy, state, now)));
      if (raw == null) {
        throw new IllegalStateException("policy " + r.policy.name() + " returned no decision");
      }
      if (raw.targetCapacity() > ScalingSettings.SANITY_MAX_CAPACITY) {
        throw new IllegalStateException("policy " + r.policy.name() + " wanted " + raw.targetCapacity()
            + " units: above the sanity limit of " + ScalingSettings.SANITY_MAX_CAPACITY + " per resource");
      }
    } catch (Throwable t) {
      rethrowIfFatal(t);
      return new ResourceOutcome.Failed(r.id, now, ResourceOutcome.Stage.DECIDE, t, state, null,
          List.of("policy " + r.policy.name() + " failed: " + describe(t)));
    }

    ScalingDecision decision = Guards.apply(r, state, raw, now, zone, reasons);
    stageTimed(r.id, ResourceOutcome.Stage.DECIDE, t1);
    if (decision == null) {
      return new ResourceOutcome.Held(r.id, now, state, raw,
          reasons.size() == 1 && reasons.get(0) == ResourceOutcome.NO_CHANGE ? ResourceOutcome.NO_CHANGE_REASONS
              : reasons); // the shared list's copy is itself
    }
    if (dryRun || r.settings.dryRun()) {
      reasons.add("dry run: would move " + state.capacity() + " -> " + decision.targetCapacity());
      return new ResourceOutcome.DryRun(r.id, now, state, decision, reasons);
    }
    if (unrecovered != null) {
      reasons.add(unrecovered);
      return new ResourceOutcome.Held(r.id, now, state, decision, reasons);
    }

    if (lease != null) {
      Instant stopAt = lease.expiresAt().minus(leases.renewMargin());
      Instant actAt = clock.instant(); // by this host's own clock, now, not when the tick started
      if (!actAt.isBefore(stopAt)) {
        reasons.add("not acting: this host's lease ends at " + lease.expiresAt() + "; no action within the renew"
            + " margin of " + leases.renewMargin() + " (wanted " + state.capacity() + " -> "
            + decision.targetCapacity() + ")");
        return new ResourceOutcome.Held(r.id, now, state, decision, reasons);
      }
    }

    // Record the intent before acting: a host that cannot record what it is about to do does not do it.
    long t2 = System.nanoTime();
    try {
      return act(r, state, decision, now, lease, reasons);
    } finally {
      stageTimed(r.id, ResourceOutcome.Stage.APPLY, t2);
    }
  }

  private ResourceOutcome act(ResourceRuntime r, ResourceState state, ScalingDecision decision, Instant now,
      ResourceLeases.Lease lease, List<String> reasons) {
    ResourceMemory.Action previous = r.lastAction();
    int from = state.capacity();
    r.intend(decision.direction(from), from, decision.targetCapacity(), now, lease == null ? 0 : lease.token());
    if (history.keepsMemory()) {
      try {
        history.rememberNow(r.memoryForIntent());
      } catch (Throwable t) {
        rethrowIfFatal(t);
        r.declined(previous);
        reasons.add("not acting: the intended " + from + " -> " + decision.targetCapacity()
            + " could not be recorded first (" + describe(t) + ")");
        return new ResourceOutcome.Held(r.id, now, state, decision, reasons);
      }
    }

    ScalingOutcome result;
    try {
      result = r.executor.apply(state, decision);
      if (result == null) {
        throw new IllegalStateException("executor of " + r.id + " returned no outcome");
      }
      if (result.acted()) {
        checkReported(r, state, result);
      }
    } catch (Throwable t) {
      rethrowIfFatal(t);
      // The call may have reached the cloud: the intent stands as an action of unknown result (cooldown, in
      // flight) until an observation shows what the cloud did.
      return new ResourceOutcome.Failed(r.id, now, ResourceOutcome.Stage.APPLY, t, state, decision,
          List.of("apply failed: " + describe(t), "result unknown: counted as applied until the cloud shows it"));
    }
    if (!result.acted()) {
      r.declined(previous);
      reasons.addAll(result.actions());
      return new ResourceOutcome.Held(r.id, now, state, decision, reasons);
    }
    r.applied(result.toCapacity(), result.completed());
    return new ResourceOutcome.Applied(r.id, now, state, decision, result, reasons);
  }

  private void stageTimed(ResourceId id, ResourceOutcome.Stage stage, long startNanos) {
    if (!listeners.isEmpty()) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
      for (AutoscalerListener l : listeners) {
        notify(() -> l.onStage(id, stage, elapsed));
      }
    }
  }

  /** An executor's report that cannot be true is a failure of the executor, not an applied action. */
  private static void checkReported(ResourceRuntime r, ResourceState state, ScalingOutcome result) {
    int lo = Math.min(r.settings.minCapacity(), state.capacity());
    int hi = Math.max(r.settings.maxCapacity(), state.capacity());
    if (result.toCapacity() < lo || result.toCapacity() > hi
        || result.toCapacity() > ScalingSettings.SANITY_MAX_CAPACITY) {
      throw new IllegalStateException("executor of " + r.id + " reported capacity " + result.toCapacity()
          + ": outside [" + lo + ", " + Math.min(hi, ScalingSettings.SANITY_MAX_CAPACITY) + "]");
    }
    if (result.fromCapacity() != state.capacity()) {
      throw new IllegalStateException("executor of " + r.id + " reported starting from " + result.fromCapacity()
          + ", but the observed capacity was " + state.capacity());
    }
  }

  private void publish(ResourceOutcome outcome) {
    if (outcome instanceof ResourceOutcome.Applied a) {
      LOG.info("{}: {} -> {} ({}) {}", a.resource(), a.result().fromCapacity(), a.result().toCapacity(),
          a.explanation(), a.result().actions());
    } else if (outcome instanceof ResourceOutcome.Failed f) {
      if (f.decision() != null) {
        LOG.warn("{}: {} failed: {} (deciding {} -> {}: {})", f.resource(), f.stage(), describe(f.cause()),
            f.state() == null ? "?" : f.state().capacity(), f.decision().targetCapacity(), f.decision().reason());
      } else {
        LOG.warn("{}: {} failed: {}", f.resource(), f.stage(), describe(f.cause()));
      }
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("{}: {} ({})", outcome.resource(), outcome.getClass().getSimpleName(), outcome.explanation());
    }
    for (AutoscalerListener l : listeners) {
      notify(() -> l.onOutcome(outcome));
      if (outcome instanceof ResourceOutcome.Applied a) {
        notify(() -> l.onApplied(a));
      } else if (outcome instanceof ResourceOutcome.Failed f) {
        notify(() -> l.onFailure(f));
      }
    }
  }

  private static void notify(Runnable call) {
    try {
      call.run();
    } catch (Throwable t) {
      rethrowIfFatal(t);
      LOG.warn("a listener failed; ignored", t);
    }
  }

  private List<String> discover(Instant now) {
    if (discoveries.isEmpty()) {
      return List.of();
    }
    synchronized (discoveryLock) {
      if (lastDiscovery != null && now.isBefore(lastDiscovery.plus(discoveryPeriod))) {
        return List.of();
      }
      lastDiscovery = now;
      List<String> notes = new ArrayList<>();
      Map<ResourceId, ResourceRuntime> byId = new LinkedHashMap<>();
      for (ResourceRuntime r : runtimes) {
        if (!r.discovered) {
          byId.put(r.id, r);
        }
      }
      Map<ResourceId, ResourceRuntime> previous = new HashMap<>();
      runtimes.forEach(r -> previous.put(r.id, r));
      boolean failed = false;
      for (ResourceDiscovery d : discoveries) {
        Collection<ResourceSpec> specs;
        try {
          specs = d.discover(now);
        } catch (Throwable t) {
          rethrowIfFatal(t);
          failed = true;
          notes.add("discovery failed, keeping the previous resources: " + describe(t));
          LOG.warn("discovery failed, keeping the previous resources", t);
          continue;
        }
        for (ResourceSpec spec : specs) {
          if (byId.containsKey(spec.id())) {
            continue;
          }
          ResourceRuntime known = previous.get(spec.id());
          if (known != null) {
            byId.put(spec.id(), known);
            continue;
          }
          try {
            ResourceRuntime bound = Binder.bindDiscovered(spec, typeDefaults.get(spec.id().type()), providers,
                policyProviders, context);
            recover(List.of(bound), now);
            byId.put(spec.id(), bound);
            notes.add("discovered " + spec.id());
          } catch (ConfigurationException e) {
            notes.add("discovered " + spec.id() + " but cannot manage it: " + e.getMessage());
          }
        }
      }
      if (failed) {
        previous.forEach(byId::putIfAbsent);
      }
      runtimes = sorted(byId.values());
      return notes;
    }
  }

  private static List<ResourceRuntime> sorted(Collection<ResourceRuntime> rs) {
    List<ResourceRuntime> list = new ArrayList<>(rs);
    list.sort(Comparator.comparing(r -> r.id));
    return List.copyOf(list);
  }

  static String describe(Throwable t) {
    String m = t.getMessage();
    if (m == null && t instanceof StackOverflowError) {
      return "StackOverflowError: the call recursed too deeply (a plugin, or input nested too deeply)";
    }
    if (m == null && t.getCause() != null && t.getCause() != t) {
      return t.getClass().getSimpleName() + " caused by " + describe(t.getCause());
    }
    return t.getClass().getSimpleName() + (m == null ? " (no message)" : ": " + m);
  }

  /**
   * Errors that leave the JVM unusable propagate out of {@code tick()}: {@link VirtualMachineError}s
   * ({@link OutOfMemoryError}, {@link InternalError}...) except {@link StackOverflowError}, which unwinds to here
   * and leaves the thread usable, so it is one resource's failure like any other.
   */
  private static void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError e && !(t instanceof StackOverflowError)) {
      throw e;
    }
  }

  /** Per-resource key selecting a policy by name from the registered {@link PolicyProvider}s. */
  public static final ConfigKey<String> POLICY = ConfigKey.string(
      "policy", null, "Name of the policy to use instead of the provider's default (e.g. target-tracking).");

  /**
   * Builds an {@link Autoscaler}. Not thread-safe; {@link #build()} validates everything at once and reports every
   * problem in one {@link ConfigurationException}.
   */
  public static final class Builder {
    InstantSource clock = InstantSource.system();
    ZoneId zone;
    Boolean dryRun;
    HistoryStore history = InMemoryHistoryStore.withDefaults();
    final List<AutoscalerListener> listeners = new ArrayList<>();
    Executor executor;
    Duration resourceDeadline = Duration.ofMinutes(2);
    boolean discover = true;
    final List<ResourceProvider> providers = new ArrayList<>();
    final List<PolicyProvider> policyProviders = new ArrayList<>();
    final Map<Class<?>, Object> components = new HashMap<>();
    final List<ResourceSpec> specs = new ArrayList<>();
    final Map<ResourceId, ScalingPolicy> explicitPolicies = new HashMap<>();
    final List<ResourceRuntime> explicit = new ArrayList<>();
    final List<ResourceDiscovery> discoveries = new ArrayList<>();
    Settings global = Settings.empty("settings");
    final Map<String, Map<String, String>> typeDefaults = new LinkedHashMap<>();
    final List<String> warnings = new ArrayList<>();
    ResourceLeases leases;

    private Builder() {}

    /**
     * Coordinates this host with the other replicas: it acts only on the resources whose lease it holds (see
     * {@link ResourceLeases}). Default: the {@code coordination} section of the configuration, else none (this
     * host acts on every resource). Needs a history store that keeps memory on the same database.
     */
    public Builder leases(ResourceLeases leases) {
      this.leases = Objects.requireNonNull(leases, "leases");
      return this;
    }

    /** The clock every tick, policy and provider uses. Default: the system clock. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The zone for schedules and expressions. Default: {@code time_zone} from the configuration, else UTC. */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** Decide and report for every resource, change nothing. Default: {@code dry_run} from the configuration. */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /** Where outcomes are recorded. Default: {@link InMemoryHistoryStore#withDefaults()}. */
    public Builder history(HistoryStore history) {
      this.history = Objects.requireNonNull(history, "history");
      return this;
    }

    public Builder listener(AutoscalerListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Run resources of one tick on the host's executor, in parallel. Default: the calling thread, in order. The
     * calling thread helps: it runs every resource the executor has not started within 100 ms, so {@code tick()}
     * may be called from a thread of this same executor without deadlocking, and a rejecting executor only costs
     * parallelism. A resource run on the executor that has no outcome within {@link #resourceDeadline} is reported
     * failed (timeout) while the others finish.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * How long {@code tick()} waits for a resource running on the host's {@link #executor} (real time: this bounds
     * waiting, it is not a schedule). Past it the resource's outcome is {@code Failed} (timeout) and its late
     * observation is dropped; its thread is not interrupted. Not used without an executor (a resource running on the
     * calling thread cannot be abandoned; the AWS clients' own timeouts bound it). Default: 2 minutes.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder resourceDeadline(Duration deadline) {
      Objects.requireNonNull(deadline, "deadline");
      if (deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException("resourceDeadline: must be > 0, was " + deadline);
      }
      this.resourceDeadline = deadline;
      return this;
    }

    /** Whether to find providers with {@link ServiceLoader} and use their discovery. Default: true. */
    public Builder discoverProviders(boolean discover) {
      this.discover = discover;
      return this;
    }

    /** Registers a provider explicitly (in addition to those found by ServiceLoader). */
    public Builder provider(ResourceProvider provider) {
      providers.add(Objects.requireNonNull(provider, "provider"));
      return this;
    }

    public Builder policyProvider(PolicyProvider provider) {
      policyProviders.add(Objects.requireNonNull(provider, "provider"));
      return this;
    }

    /** A component providers may use, e.g. {@code component(EmrClient.class, emr)}. */
    public <T> Builder component(Class<T> type, T instance) {
      components.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(instance, "instance"));
      return this;
    }

    /** A resource whose monitor, executor and default policy its type's provider creates. */
    public Builder resource(ResourceSpec spec) {
      specs.add(Objects.requireNonNull(spec, "spec"));
      return this;
    }

    /** A provider-created resource with the given policy instead of the configured one. */
    public Builder resource(ResourceSpec spec, ScalingPolicy policy) {
      specs.add(Objects.requireNonNull(spec, "spec"));
      explicitPolicies.put(spec.id(), Objects.requireNonNull(policy, "policy"));
      return this;
    }

    /** A resource with explicit parts, no provider involved. */
    public Builder resource(ResourceId id, ScalingSettings settings, ResourceMonitor monitor, ScalingPolicy policy,
        ScalingExecutor executor) {
      explicit.add(new ResourceRuntime(Objects.requireNonNull(id, "id"), Objects.requireNonNull(settings, "settings"),
          Objects.requireNonNull(monitor, "monitor"), Objects.requireNonNull(policy, "policy"),
          Objects.requireNonNull(executor, "executor"), false));
      return this;
    }

    /** A source of resources beyond the listed ones, consulted every discovery period. */
    public Builder discovery(ResourceDiscovery discovery) {
      discoveries.add(Objects.requireNonNull(discovery, "discovery"));
      return this;
    }

    /** Global settings and resources from a configuration document. */
    public Builder configuration(ThemisConfig config) {
      Map<String, String> merged = new LinkedHashMap<>(global.values());
      merged.putAll(config.global().values());
      global = Settings.of(config.global().path(), merged);
      specs.addAll(config.resources());
      config.defaults().forEach((type, values) ->
          typeDefaults.computeIfAbsent(type, t -> new LinkedHashMap<>()).putAll(values));
      warnings.addAll(config.warnings());
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws ConfigurationException listing every problem: unknown or invalid keys, unknown resource types,
     *     duplicate resources, two providers of one type, expressions that do not compile
     */
    public Autoscaler build() {
      return Assembly.build(this);
    }
  }
}
