package dev.themis.emr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.Autoscaler;
import dev.themis.ResourceSpec;
import dev.themis.config.ConfigurationException;
import dev.themis.emr.EmrKeys;
import dev.themis.spi.ResourceProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class EmrProviderTest {

  @Test
  void theEmrTypeIsFoundByServiceLoader() {
    boolean found = ServiceLoader.load(ResourceProvider.class).stream()
        .anyMatch(p -> p.type() == EmrResourceProvider.class && p.get().type().equals("emr"));
    assertTrue(found);
  }

  @Test
  void declaresEveryKeyAndTheNodeAliases() {
    EmrResourceProvider p = new EmrResourceProvider();
    assertEquals("min_capacity", p.aliases().get("min_nodes"));
    assertEquals("max_capacity", p.aliases().get("max_nodes"));
    for (String key : new String[] {"upscale_expr", "downscale_expr", "time_based_scaling",
        "group_or_preferred_market", "baseline_nodes", "custom_domain_name", "role_to_assume",
        "send_shutdown_signal", "scale_core_groups", "capacity_error_quarantine", "decommission_timeout",
        "yarn_url", "cloudwatch_metrics"}) {
      assertTrue(p.configKeys().stream().anyMatch(k -> k.name().equals(key)), key);
    }
    assertTrue(p.globalKeys().stream().anyMatch(k -> k.name().equals("emr_cluster_tags")));
    assertTrue(EmrKeys.SEND_SHUTDOWN_SIGNAL.description().contains("NOT supported"));
  }

  private static Autoscaler build(Map<String, String> settings) {
    return Autoscaler.builder().discoverProviders(false).provider(new EmrResourceProvider())
        .resource(ResourceSpec.of("emr", "j-CONF", settings)).build();
  }

  @Test
  void everyProblemIsReportedAtOnceWithKeyAndValue() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("min_nodes", "5");
    s.put("max_nodes", "2");
    s.put("scale_core_groups", "yes");
    s.put("capacity_error_quarantine", "soon");
    s.put("yarn_url", "ftp://x");
    s.put("decomission_timeout", "1h");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> build(s));
    String m = e.getMessage();
    assertTrue(m.contains("emr.j-CONF.scale_core_groups") && m.contains("'yes'"), m);
    assertTrue(m.contains("emr.j-CONF.capacity_error_quarantine") && m.contains("'soon'"), m);
    assertTrue(m.contains("emr.j-CONF.yarn_url") && m.contains("ftp://x"), m);
    assertTrue(m.contains("decomission_timeout") && m.contains("decommission_timeout"), "did you mean: " + m);
    assertTrue(m.contains("max_capacity"), m);
  }

  @Test
  void aValidConfigurationBuildsWithoutTouchingAws() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("min_nodes", "1");
    s.put("max_nodes", "30");
    s.put("group_or_preferred_market", "ig-123,SPOT,ON_DEMAND");
    s.put("role_to_assume", "arn:aws:iam::123456789012:role/themis");
    s.put("send_shutdown_signal", "true");
    s.put("region", "eu-west-1");
    Autoscaler a = build(s);
    assertEquals(30, a.settings(a.resources().get(0)).orElseThrow().maxCapacity());
  }

  @Test
  void expressionErrorsAreReportedWithTheOtherProblems() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("upscale_expr", "3 if tasknodes.average.cpux > 0.7 else 0");
    s.put("time_based_scaling", "{'Mon.*': 3}");
    s.put("group_or_preferred_market", "\"SPOT\" if tasknodes.count.nodez > 3 else \"ON_DEMAND\"");
    s.put("scale_core_groups", "maybe");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> build(s));
    String m = e.getMessage();
    assertTrue(m.contains("emr.j-CONF.upscale_expr") && m.contains("cpux"), m);
    assertTrue(m.contains("emr.j-CONF.time_based_scaling"), m);
    assertTrue(m.contains("emr.j-CONF.group_or_preferred_market") && m.contains("nodez"), m);
    assertTrue(m.contains("emr.j-CONF.scale_core_groups"), m);
  }
}
