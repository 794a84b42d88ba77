package dev.themis.emr.internal;

import dev.themis.ResourceSpec;
import dev.themis.spi.ResourceDiscovery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
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
  private final Map<String, EmrApi> apisByRole;
  private final List<String> tags;

  /**
   * @param apisByRole the EMR API under each role to discover with ({@code ""}: the host's credentials), in order;
   *     a cluster found under a role is managed with that {@code role_to_assume}, as in the original
   */
  EmrDiscovery(Map<String, EmrApi> apisByRole, List<String> tags) {
    this.apisByRole = new LinkedHashMap<>(apisByRole);
    this.tags = List.copyOf(tags);
  }

  @Override
  public Collection<ResourceSpec> discover(Instant now) {
    Map<String, ResourceSpec> out = new LinkedHashMap<>();
    for (Map.Entry<String, EmrApi> e : apisByRole.entrySet()) {
      EmrApi api = e.getValue();
      for (ClusterSummary summary : api.activeClusters()) {
        Cluster c = api.describeCluster(summary.id());
        if (matches(c.tags()) && !out.containsKey(summary.id())) {
          out.put(summary.id(), ResourceSpec.of("emr", summary.id(),
              e.getKey().isBlank() ? Map.of() : Map.of("role_to_assume", e.getKey())));
        }
      }
    }
    return new ArrayList<>(out.values());
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
