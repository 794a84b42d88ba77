package dev.themis.emr.internal;

import dev.themis.ResourceSpec;
import dev.themis.spi.ResourceDiscovery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.Tag;

/**
 * Finds every active cluster (STARTING, BOOTSTRAPPING, RUNNING, WAITING) carrying the configured tags; the core
 * calls it once per discovery period, so new clusters are picked up and terminated ones dropped (the original
 * discovered once). Costs one ListClusters per page plus one DescribeCluster per active cluster (tags are not in
 * the listing).
 */
final class EmrDiscovery implements ResourceDiscovery {
  private final EmrApi api;
  private final List<String> tags;

  EmrDiscovery(EmrApi api, List<String> tags) {
    this.api = api;
    this.tags = List.copyOf(tags);
  }

  @Override
  public Collection<ResourceSpec> discover(Instant now) {
    List<ResourceSpec> out = new ArrayList<>();
    for (ClusterSummary summary : api.activeClusters()) {
      Cluster c = api.describeCluster(summary.id());
      if (matches(c.tags())) {
        out.add(ResourceSpec.of("emr", summary.id(), Map.of()));
      }
    }
    return out;
  }

  boolean matches(List<Tag> clusterTags) {
    for (String wanted : tags) {
      int eq = wanted.indexOf('=');
      String key = eq < 0 ? wanted : wanted.substring(0, eq).trim();
      String value = eq < 0 ? null : wanted.substring(eq + 1).trim();
      boolean found = clusterTags.stream().anyMatch(t -> key.equals(t.key()) && (value == null || value.equals(t.value())));
      if (!found) {
        return false;
      }
    }
    return true;
  }
}
