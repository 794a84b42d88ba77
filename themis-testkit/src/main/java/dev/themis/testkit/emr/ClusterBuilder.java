package dev.themis.testkit.emr;

import dev.themis.testkit.Demand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Describes a simulated cluster; {@link #create()} adds it to its {@link SimulatedEmr}, up and running at the
 * clock's time (its initial instances are RUNNING at once). A cluster has instance groups or instance fleets, not
 * both, and exactly one MASTER. Not thread-safe.
 */
public final class ClusterBuilder {
  private static final Set<String> TYPES = Set.of("MASTER", "CORE", "TASK");
  private static final Set<String> MARKETS = Set.of("ON_DEMAND", "SPOT");

  private final SimulatedEmr emr;
  final String name;
  final List<String> applications = new ArrayList<>(List.of("Hadoop"));
  final Map<String, String> tags = new LinkedHashMap<>();
  String releaseLabel = "emr-7.2.0";
  Demand demand;
  Instant createdAt;
  Boolean fleets;
  final List<GroupSpec> groups = new ArrayList<>();

  record GroupSpec(String type, String market, String instanceType, int count, boolean fleet, int weight,
      int onDemand, int spot) {}

  ClusterBuilder(SimulatedEmr emr, String name) {
    this.emr = emr;
    this.name = Objects.requireNonNull(name, "name");
  }

  /** Application names (e.g. {@code Hadoop}, {@code Spark}, {@code Presto}). Default: Hadoop. */
  public ClusterBuilder applications(String... names) {
    applications.clear();
    applications.addAll(Arrays.asList(names));
    return this;
  }

  public ClusterBuilder tag(String key, String value) {
    tags.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  public ClusterBuilder releaseLabel(String label) {
    this.releaseLabel = Objects.requireNonNull(label, "label");
    return this;
  }

  /**
   * When the cluster and its initial instances started (default: the clock's time; never after it). A cluster that
   * has been up for a while has CloudWatch metrics for the monitor's first window.
   */
  public ClusterBuilder createdAt(Instant instant) {
    this.createdAt = Objects.requireNonNull(instant, "instant");
    return this;
  }

  /** Demand in nodes' worth of load; none means an idle cluster. */
  public ClusterBuilder demand(Demand demand) {
    this.demand = Objects.requireNonNull(demand, "demand");
    return this;
  }

  /**
   * An instance group.
   *
   * @param type MASTER, CORE or TASK
   * @param market ON_DEMAND or SPOT
   * @param count initial instances, all RUNNING
   */
  public ClusterBuilder instanceGroup(String type, String market, String instanceType, int count) {
    kind(false);
    check(type, market, count);
    groups.add(new GroupSpec(type, market, instanceType, count, false, 1, 0, 0));
    return this;
  }

  /**
   * An instance fleet with one instance type of the given weighted capacity.
   *
   * @param onDemand initial (and target) on-demand capacity, in weighted units
   * @param spot initial (and target) spot capacity, in weighted units
   */
  public ClusterBuilder instanceFleet(String type, String instanceType, int weightedCapacity, int onDemand,
      int spot) {
    kind(true);
    check(type, "ON_DEMAND", onDemand);
    if (spot < 0 || weightedCapacity < 1) {
      throw new IllegalArgumentException("instance fleet " + type + ": spot must be >= 0 and weightedCapacity >= 1,"
          + " were " + spot + " and " + weightedCapacity);
    }
    groups.add(new GroupSpec(type, null, instanceType, 0, true, weightedCapacity, onDemand, spot));
    return this;
  }

  /** Adds the cluster; returns its id ({@code j-...}). */
  public String create() {
    if (groups.stream().filter(g -> g.type().equals("MASTER")).count() != 1) {
      throw new IllegalArgumentException("cluster " + name + ": exactly one MASTER group or fleet is required");
    }
    return emr.create(this);
  }

  boolean fleets() {
    return fleets != null && fleets;
  }

  private void kind(boolean fleet) {
    if (fleets != null && fleets != fleet) {
      throw new IllegalArgumentException("cluster " + name + ": use instance groups or instance fleets, not both");
    }
    fleets = fleet;
  }

  private void check(String type, String market, int count) {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("type: expected one of " + TYPES + ", was '" + type + "'");
    }
    if (!MARKETS.contains(market)) {
      throw new IllegalArgumentException("market: expected one of " + MARKETS + ", was '" + market + "'");
    }
    if (count < 0) {
      throw new IllegalArgumentException("count of " + type + ": must be >= 0, was " + count);
    }
    if (type.equals("MASTER") && count != 1) {
      throw new IllegalArgumentException("MASTER: must have exactly 1 instance, was " + count);
    }
  }
}
