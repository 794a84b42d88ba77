package dev.themis.emr;

import dev.themis.ResourceState;
import dev.themis.cost.PriceCatalogue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Prices EMR capacity per instance type and region: on-demand EC2 price plus the EMR uplift, in USD per
 * instance-hour. A bundled table covers common types (m5, m6g, m6i, r5, r6g, c5...) in a few regions; entries can be
 * added or overridden. Spot instances are priced at the on-demand price times {@link Builder#spotFactor(double)}
 * (default 1, i.e. conservatively at the on-demand price). Immutable and thread-safe.
 *
 * <p>The unit price of a cluster state is the average price of its scalable groups' instances, weighted by their
 * requested counts, so savings against {@code baseline_nodes} use the cluster's real instance mix (the original
 * priced every node as an {@code r3.2xlarge} in {@code us-east-1}).
 */
public final class EmrPriceCatalogue implements PriceCatalogue {
  private static final String ANY_REGION = "*";

  private final Map<String, Double> prices;
  private final String defaultRegion;
  private final double spotFactor;

  private EmrPriceCatalogue(Map<String, Double> prices, String defaultRegion, double spotFactor) {
    this.prices = Map.copyOf(prices);
    this.defaultRegion = defaultRegion;
    this.spotFactor = spotFactor;
  }

  /** The bundled table, default region {@code us-east-1}. */
  public static EmrPriceCatalogue bundled() {
    return builder().build();
  }

  /**
   * The bundled table with a cluster's {@code instance_prices} overrides and its {@code region} as the default
   * region; use it with {@code Autoscaler.costs(id, period, settings.get(EmrKeys.BASELINE_NODES), catalogue)}.
   *
   * @throws dev.themis.config.ConfigurationException if {@code instance_prices} is malformed
   */
  public static EmrPriceCatalogue forCluster(dev.themis.config.Settings settings) {
    Builder b = builder();
    String overrides = settings.get(EmrKeys.INSTANCE_PRICES);
    try {
      b.prices(overrides == null ? "" : overrides);
    } catch (IllegalArgumentException e) {
      throw new dev.themis.config.ConfigurationException(new dev.themis.config.ConfigProblem(
          settings.pathOf(EmrKeys.INSTANCE_PRICES.name()), overrides, e.getMessage()));
    }
    String region = settings.get(EmrKeys.REGION);
    if (region != null && !region.isBlank()) {
      b.defaultRegion(region.trim());
    }
    return b.build();
  }

  /** A builder starting from the bundled table. */
  public static Builder builder() {
    return new Builder();
  }

  /** The hourly price of one instance of {@code instanceType} in {@code region} (null: default region). */
  public OptionalDouble price(String region, String instanceType) {
    if (instanceType == null) {
      return OptionalDouble.empty();
    }
    String type = instanceType.toLowerCase(Locale.ROOT);
    Double p = prices.get(key(region == null ? defaultRegion : region, type));
    if (p == null) {
      p = prices.get(key(ANY_REGION, type));
    }
    return p == null ? OptionalDouble.empty() : OptionalDouble.of(p);
  }

  /**
   * The mean hourly price of a task unit over the scalable groups, weighted by their requested counts; from a live
   * state's {@link EmrClusterSnapshot} or from the {@linkplain EmrClusterSnapshot#summary() summary} history keeps.
   */
  @Override
  public OptionalDouble unitHourPrice(ResourceState state) {
    String region;
    String groups;
    if (state.detail() instanceof EmrClusterSnapshot s) {
      Map<String, String> summary = s.summary();
      region = summary.get(EmrClusterSnapshot.REGION);
      groups = summary.get(EmrClusterSnapshot.GROUPS);
    } else if (state.detail() instanceof Map<?, ?> kept && kept.get(EmrClusterSnapshot.GROUPS) instanceof String g) {
      region = kept.get(EmrClusterSnapshot.REGION) instanceof String r ? r : null;
      groups = g;
    } else {
      return OptionalDouble.empty();
    }
    double total = 0;
    int count = 0;
    for (String group : groups.isEmpty() ? new String[0] : groups.split(",")) {
      String[] f = group.split("/", -1);
      OptionalDouble p = f.length == 3 && !f[1].isEmpty() ? price(region, f[1]) : OptionalDouble.empty();
      if (p.isEmpty()) {
        continue;
      }
      int n = Math.max(Integer.parseInt(f[2]), 0);
      double unit = p.getAsDouble() * ("SPOT".equals(f[0]) ? spotFactor : 1);
      total += unit * Math.max(n, 1);
      count += Math.max(n, 1);
    }
    return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(total / count);
  }

  private static String key(String region, String type) {
    return region + "/" + type;
  }

  /** Builds a catalogue. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Double> prices = new HashMap<>();
    private String defaultRegion = "us-east-1";
    private double spotFactor = 1;

    private Builder() {
      try (InputStream in = EmrPriceCatalogue.class.getResourceAsStream("prices.csv")) {
        Objects.requireNonNull(in, "bundled prices.csv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          String[] f = line.split(",");
          prices.put(key(f[0].trim(), f[1].trim().toLowerCase(Locale.ROOT)),
              Double.parseDouble(f[2].trim()) + Double.parseDouble(f[3].trim()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Sets the all-in hourly price (EC2 + EMR) of an instance type in a region; region {@code *} applies where no
     * regional price is known.
     */
    public Builder price(String region, String instanceType, double usdPerHour) {
      if (!(usdPerHour >= 0) || Double.isInfinite(usdPerHour)) {
        throw new IllegalArgumentException("price of " + instanceType + ": must be a finite number >= 0, was "
            + usdPerHour);
      }
      prices.put(key(Objects.requireNonNull(region, "region"),
          Objects.requireNonNull(instanceType, "instanceType").toLowerCase(Locale.ROOT)), usdPerHour);
      return this;
    }

    /**
     * Parses overrides written as {@code type=price,type=price} (the {@code instance_prices} key), for every
     * region.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public Builder prices(String overrides) {
      for (String entry : overrides.split("\\s*,\\s*")) {
        if (entry.isBlank()) {
          continue;
        }
        int eq = entry.indexOf('=');
        try {
          price(ANY_REGION, entry.substring(0, eq).trim(), Double.parseDouble(entry.substring(eq + 1).trim()));
          prices.keySet().removeIf(k -> !k.startsWith(ANY_REGION + "/")
              && k.endsWith("/" + entry.substring(0, entry.indexOf('=')).trim().toLowerCase(Locale.ROOT)));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException("expected 'instance-type=usd-per-hour' entries separated by commas,"
              + " e.g. 'm5.xlarge=0.24', was '" + entry + "'", e);
        }
      }
      return this;
    }

    /** Region used when a state does not name one. Default {@code us-east-1}. */
    public Builder defaultRegion(String region) {
      this.defaultRegion = Objects.requireNonNull(region, "region");
      return this;
    }

    /** Spot price as a fraction of on-demand, in [0, 1]. Default 1. */
    public Builder spotFactor(double factor) {
      if (!(factor >= 0 && factor <= 1)) {
        throw new IllegalArgumentException("spotFactor: must be in [0, 1], was " + factor);
      }
      this.spotFactor = factor;
      return this;
    }

    public EmrPriceCatalogue build() {
      return new EmrPriceCatalogue(prices, defaultRegion, spotFactor);
    }
  }
}
